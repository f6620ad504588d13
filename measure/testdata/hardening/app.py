# A service for the hardening trial's engine test (hardening_engine_test.go). At start, as
# root, it makes its data directory /srv/cache, gives it to user 10001 (CAP_CHOWN), switches
# to that user (CAP_SETGID, CAP_SETUID) and writes there: so it fails with --read-only until
# /srv/cache is writable, and with --cap-drop ALL until those three are back. It also tries to
# append to /var/log/app.log, which it does without when it cannot: a directory the normal
# run writes that the service does not need.
import http.server
import os

os.makedirs("/srv/cache", exist_ok=True)
os.chown("/srv/cache", 10001, 10001)
try:
    with open("/var/log/app.log", "a") as f:
        f.write("starting\n")
except OSError as e:
    print("no log file:", e, flush=True)
os.setgid(10001)
os.setuid(10001)
with open("/srv/cache/started", "w") as f:
    f.write("1")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.path == "/health"
        self.send_response(200 if ok else 404)
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}' if ok else b"not found")


http.server.HTTPServer(("", 8080), Handler).serve_forever()
