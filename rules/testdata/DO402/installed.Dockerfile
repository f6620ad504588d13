FROM python:3.12-slim AS base
RUN apt-get update \
    # curl for the health check
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

FROM base
HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1

FROM node:22-alpine
RUN apk add --no-cache curl
HEALTHCHECK CMD ["curl", "-f", "http://localhost:3000/"]
