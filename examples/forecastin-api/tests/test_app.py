"""Tests for forecastin-api using only the standard library and the app's own
dependencies (no pytest, no httpx), so they run inside the image:

    docker run --rm IMAGE python -m unittest discover -s tests -v
"""

import asyncio
import json
import os
import socket
import sys
import threading
import time
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import uvicorn  # noqa: E402
import websockets  # noqa: E402

from main import app  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.environ.pop("DATABASE_URL", None)
        cls.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=cls.port, log_level="warning")
        cls.server = uvicorn.Server(config)
        cls.thread = threading.Thread(target=cls.server.run, daemon=True)
        cls.thread.start()
        deadline = time.monotonic() + 10
        while not cls.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)

    @classmethod
    def tearDownClass(cls):
        cls.server.should_exit = True
        cls.thread.join(5)

    def get(self, path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as r:
                return r.status, json.load(r)
        except urllib.error.HTTPError as e:
            return e.code, json.load(e)

    def test_health(self):
        self.assertEqual(self.get("/health"), (200, {"status": "ok"}))

    def test_forecast_is_deterministic(self):
        status, body = self.get("/api/forecast?city=Bergen&days=2")
        self.assertEqual(status, 200)
        self.assertEqual(body["city"], "Bergen")
        self.assertEqual(len(body["days"]), 2)
        self.assertEqual(self.get("/api/forecast?city=bergen&days=2")[1]["days"], body["days"])
        for day in body["days"]:
            self.assertLessEqual(day["low_c"], day["high_c"])

    def test_forecast_validates(self):
        self.assertEqual(self.get("/api/forecast?days=30")[0], 422)

    def test_db_not_configured(self):
        status, body = self.get("/api/db")
        self.assertEqual(status, 200)
        self.assertEqual(body["database"], "not configured")
        self.assertGreater(body["libpq"], 100000)

    def test_websocket_echo(self):
        async def roundtrip():
            async with websockets.connect(f"ws://127.0.0.1:{self.port}/ws") as ws:
                await ws.send("hello forecastin")
                text = await asyncio.wait_for(ws.recv(), 5)
                await ws.send(b"\x00\x01")
                data = await asyncio.wait_for(ws.recv(), 5)
                return text, data

        self.assertEqual(asyncio.run(roundtrip()), ("hello forecastin", b"\x00\x01"))


if __name__ == "__main__":
    unittest.main()
