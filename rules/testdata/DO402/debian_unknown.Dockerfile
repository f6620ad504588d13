ARG BASE
FROM ${BASE}
HEALTHCHECK CMD curl -f http://localhost/ || exit 1

FROM mycompany/python-base:3.12
HEALTHCHECK CMD curl -f http://localhost/ || exit 1

FROM debian:bookworm-slim AS deb
# want: DO402
HEALTHCHECK --timeout=3s CMD ["wget", "-q", "-O", "/dev/null", "http://localhost:8080/"]

FROM ubuntu:24.04
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends wget
EOF
HEALTHCHECK CMD ["wget", "-q", "-O", "/dev/null", "http://localhost:8080/"]

FROM python:3.12
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
