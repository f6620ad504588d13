"""A minimal Flask service for dockopt's heredoc end-to-end test."""
from flask import Flask, jsonify

from settings import GREETING

app = Flask(__name__)


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.get("/greeting")
def greeting():
    return jsonify(greeting=GREETING)


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000)
