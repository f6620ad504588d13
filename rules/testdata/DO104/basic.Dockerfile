FROM python:3.12-slim
# want: DO104
RUN pip install -r requirements.txt
RUN pip install --no-cache-dir -r requirements.txt
# want: DO104
RUN pip3 install --upgrade pip setuptools
# want: DO104
RUN python3 -m pip install \
    # a comment in a continuation
    flask==3.0.0
# want: DO104
RUN /opt/venv/bin/pip install -e .
RUN PIP_NO_CACHE_DIR=1 pip install flask
RUN env PIP_NO_CACHE_DIR=off pip install flask
RUN export PIP_NO_CACHE_DIR=1 && pip install flask
RUN pip install flask && pip cache purge
RUN pip install flask && rm -rf /root/.cache
RUN pip install flask; rm -rf ~/.cache/pip
RUN pip download flask -d /tmp/wheels
RUN pip wheel -w /wheels -r requirements.txt
RUN uv pip install --system flask
RUN pipx install black
RUN python setup.py install
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
RUN --mount=type=cache,target=/root/.cache pip install flask
RUN --mount=type=cache,target=/pipcache pip install --cache-dir /pipcache flask
# want: DO104
RUN --mount=type=cache,target=/var/cache/apt pip install flask
# want: DO104
RUN <<EOF
pip install flask
EOF
RUN ["pip", "install", "flask"]
RUN echo pip install flask
# want: DO104
ONBUILD RUN pip install -r requirements.txt
