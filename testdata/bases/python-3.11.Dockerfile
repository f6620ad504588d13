# Stand-in for python:3.11 (about 1.0 GB): buildpack-deps:bookworm plus Debian's Python 3.11 with
# its headers, pip and venv (the official image compiles CPython into /usr/local instead).
# `python`, `pip` work as in the official image; pip installs system-wide (PEP 668 marker removed)
# and uses the offline package index on 127.0.0.1 (testdata/bases/pyindex, for --network host).
FROM buildpack-deps:bookworm
ARG PIP_INDEX=http://127.0.0.1:3141/simple/
ENV LANG=C.UTF-8
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
      python3 python3-dev python3-pip python3-venv python-is-python3 \
      libbluetooth-dev tk-dev uuid-dev; \
    rm -rf /var/lib/apt/lists/*; \
    rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED; \
    ln -s /usr/bin/pip3 /usr/local/bin/pip; \
    printf '[global]\nindex-url = %s\ntrusted-host = 127.0.0.1\n' "$PIP_INDEX" > /etc/pip.conf; \
    python --version; pip --version
ENV PYTHON_VERSION=3.11.2
CMD ["python3"]
