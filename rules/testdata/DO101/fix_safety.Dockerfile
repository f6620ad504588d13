FROM debian:bookworm AS fetch-same-run
# want: DO101
RUN apt-get update && apt-get install -y curl && curl -fsSL https://example.com/x.tgz | tar -xz

FROM debian:bookworm AS fetch-later-run
# want: DO101
RUN apt-get update && apt-get install -y git wget
RUN git clone https://github.com/x/y.git /src && wget -q https://example.com/z

FROM debian:bookworm AS fetch-at-run-time
# want: DO101
RUN apt-get update && apt-get install -y curl
HEALTHCHECK CMD curl -fsS https://localhost:8443/health || exit 1

FROM debian:bookworm AS explicit-ca
# want: DO101
RUN apt-get update && apt-get install -y curl ca-certificates
RUN curl -fsSL https://example.com/x -o /x

FROM debian:bookworm AS plain-http
# want: DO101
RUN apt-get update && apt-get install -y curl && curl -fsS http://mirror.internal/x -o /x

FROM debian:bookworm AS pip-builds
# python3-pip recommends build-essential and python3-dev: unsafe
# want: DO101
RUN apt-get update && apt-get install -y python3-pip && pip install --no-cache-dir psycopg2==2.9.9
