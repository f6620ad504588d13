# Assembled from the pieces ../shared/seed/dockerfile-optimization-report.md quotes (the
# Forecastin API service's "optimized" two-stage Dockerfile), with the `chmod -R` that the real
# service's Dockerfile adds after `COPY --chown`. Its four faults (issue 10):
#   1. HEALTHCHECK calls curl, which the runtime stage never installs (never healthy);
#   2. `chmod -R` after `COPY --chown` stores the application twice;
#   3. `--max-requests` is a gunicorn option given to uvicorn (uvicorn refuses to start);
#   4. `--http httptools`, and httptools is never installed.

# Build Stage
FROM python:3.11-slim AS builder

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# build dependencies: compilers, libpq headers, curl (for health checks)
RUN apt-get update && apt-get install -y --no-install-recommends \
        build-essential gcc g++ libpq-dev curl \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"

WORKDIR /app
COPY requirements.txt .
RUN pip install --upgrade pip && pip install -r requirements.txt \
    && /opt/venv/bin/python -m pip uninstall --yes pip

# Runtime Stage
FROM python:3.11-slim AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update && apt-get install -y --no-install-recommends \
        libpq5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*

COPY --from=builder /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"

RUN groupadd -r forecastin && useradd -r -g forecastin forecastin

WORKDIR /app
COPY --chmod=755 --chown=forecastin:forecastin . .

USER forecastin

EXPOSE 9000

HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://localhost:9000/health').status < 400 else 1)"]

CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "9000", \
     "--loop", "asyncio", "--workers", "1", \
     "--backlog", "2048", "--limit-max-requests", "10000"]
