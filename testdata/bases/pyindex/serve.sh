#!/usr/bin/env bash
# Serve the offline Python package index (wheels made from Debian's python3-* packages by
# debwheels.py) on http://127.0.0.1:${DOCKOPT_PYINDEX_PORT:-3141}/simple/ for
# `docker build --network host`. The local python:3.11* base images' /etc/pip.conf points there.
#
#   serve.sh           build the index if missing or stale, start the server unless one answers
#   serve.sh --build   only (re)build the index
#   serve.sh --stop    stop the server this script started (by its pid file)
#
# The index lives in ${DOCKOPT_CACHE:-~/.cache/dockopt}/pyindex (not in the repo).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${DOCKOPT_PYINDEX_PORT:-3141}
cache=${DOCKOPT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dockopt}
dir=$cache/pyindex
pidfile=$dir/server.pid
url=http://127.0.0.1:$port/simple/

answers() {
	python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2).read()' \
		"${url}fastapi/" 2>/dev/null
}

ours() { # pid from the pid file, if it is still our http.server
	local pid
	pid=$(cat "$pidfile" 2>/dev/null) || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "http.server $port" && echo "$pid"
}

build() {
	local stamp
	stamp=$(sha256sum "$here/debwheels.py" | cut -d' ' -f1)
	if [[ -f $dir/simple/index.html && "$(cat "$dir/.stamp" 2>/dev/null)" == "$stamp" ]]; then
		return 0
	fi
	echo "pyindex: building wheels from Debian packages into $dir"
	mkdir -p "$dir"
	python3 "$here/debwheels.py" "$dir"
	echo "$stamp" >"$dir/.stamp"
	if ! diff -u "$here/AVAILABLE.txt" "$dir/AVAILABLE.txt"; then
		echo "pyindex: WARNING: the served versions differ from testdata/bases/pyindex/AVAILABLE.txt" \
			"(Debian updated a package?); requirements pinned to the old versions will not install" >&2
	fi
}

case ${1:-} in
--build)
	build
	exit 0
	;;
--stop)
	if pid=$(ours); then
		kill "$pid"
		rm -f "$pidfile"
		echo "pyindex: stopped server (pid $pid)"
	fi
	exit 0
	;;
"") ;;
*)
	echo "usage: $0 [--build|--stop]" >&2
	exit 2
	;;
esac

build
if answers; then
	echo "pyindex: already serving $url"
	exit 0
fi
setsid python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir" \
	</dev/null >"$dir/server.log" 2>&1 &
echo $! >"$pidfile"
for _ in $(seq 50); do
	if answers; then
		echo "pyindex: serving $url (pid $(cat "$pidfile"), stop with $0 --stop)"
		exit 0
	fi
	sleep 0.2
done
echo "pyindex: server did not answer on $url; log:" >&2
cat "$dir/server.log" >&2
exit 1
