FROM python:3.12-slim
# every spelling of pip is read by dockerfile/pkgmgr
# want: DO104
RUN pip3.12 install flask==3.0.3
# want: DO104
RUN python3.12 -m pip install flask==3.0.3
# want: DO104
RUN python3 -I -m pip install flask==3.0.3
# pip accepts an unambiguous prefix of --no-cache-dir
RUN pip install --no-cache flask==3.0.3
RUN pip --no-cache-dir install flask==3.0.3
RUN PIP_NO_CACHE_DIR=1 pip3.12 install flask==3.0.3
# uv has a cache of its own (not pip's)
RUN uv pip install --system flask==3.0.3
