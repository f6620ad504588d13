# Stand-in for python:3.11-slim (about 130 MB): debian:bookworm-slim plus Debian's Python 3.11,
# pip and venv only; no compiler, no curl or wget, apt lists and docs removed. pip installs
# system-wide (PEP 668 marker removed) from the offline index on 127.0.0.1 (--network host).
FROM debian:bookworm-slim
ARG PIP_INDEX=http://127.0.0.1:3141/simple/
ENV LANG=C.UTF-8
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
      ca-certificates netbase tzdata python3 python3-pip python3-venv python-is-python3; \
    rm -rf /var/lib/apt/lists/*; \
    rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED; \
    ln -s /usr/bin/pip3 /usr/local/bin/pip; \
    printf '[global]\nindex-url = %s\ntrusted-host = 127.0.0.1\n' "$PIP_INDEX" > /etc/pip.conf; \
    python --version; pip --version
ENV PYTHON_VERSION=3.11.2
CMD ["python3"]
