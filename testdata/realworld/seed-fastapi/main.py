"""forecastin-api: a small FastAPI service used as a dockopt example.

Endpoints
  GET /health                    {"status": "ok"}
  GET /api/forecast?city=&days=  a deterministic (made-up) forecast for a city
  GET /api/db                    PostgreSQL status; "not configured" without DATABASE_URL
  WS  /ws                        echoes every message back

psycopg2 is imported at start, so the image needs libpq at runtime even when no
database is configured.
"""

import hashlib
import os

import psycopg2
import psycopg2.extensions
from fastapi import FastAPI, Query, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse

CONDITIONS = ["sunny", "partly cloudy", "cloudy", "light rain", "rain", "windy", "fog", "snow"]

app = FastAPI(title="forecastin-api", version="1.0.0")


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/api/forecast")
def forecast(
    city: str = Query("Oslo", min_length=1, max_length=64),
    days: int = Query(3, ge=1, le=7),
):
    name = city.strip()
    seed = hashlib.sha256(name.lower().encode("utf-8")).digest()
    out = []
    for day in range(days):
        high = seed[day] % 30 - 5
        low = high - 2 - seed[day + 8] % 9
        out.append(
            {
                "day": day + 1,
                "high_c": high,
                "low_c": low,
                "condition": CONDITIONS[seed[day + 16] % len(CONDITIONS)],
                "precipitation_mm": round(seed[day + 24] % 120 / 10, 1),
            }
        )
    return {"city": name, "units": "metric", "days": out}


@app.get("/api/db")
def db():
    info = {"libpq": psycopg2.extensions.libpq_version()}
    dsn = os.environ.get("DATABASE_URL")
    if not dsn:
        return {"database": "not configured", **info}
    try:
        with psycopg2.connect(dsn, connect_timeout=3) as conn, conn.cursor() as cur:
            cur.execute("SELECT 1")
            cur.fetchone()
            return {"database": "ok", "server_version": conn.server_version, **info}
    except psycopg2.Error as exc:
        return JSONResponse(
            status_code=503,
            content={"database": "unavailable", "error": str(exc).strip(), **info},
        )


@app.websocket("/ws")
async def echo(websocket: WebSocket):
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            if message.get("text") is not None:
                await websocket.send_text(message["text"])
            elif message.get("bytes") is not None:
                await websocket.send_bytes(message["bytes"])
    except WebSocketDisconnect:
        pass
