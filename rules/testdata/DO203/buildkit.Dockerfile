# syntax=docker/dockerfile:1
FROM python:3.12-slim AS py
COPY requirements.txt .
# want: DO203
RUN pip install -r requirements.txt
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
# want: DO203
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
RUN pip --version

FROM golang:1.22 AS go
COPY go.mod go.sum ./
# want: DO203
RUN go mod download
# want: DO203
RUN <<EOF
go build -o /app .
EOF

FROM node:20-slim
# want: DO203
RUN npm ci
RUN npm run build
# want: DO203
ONBUILD RUN yarn install
