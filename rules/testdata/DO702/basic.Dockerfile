FROM python:3.12-slim
ENV VER=3.0.3
# want: DO702
RUN pip install --no-cache-dir gunicorn flask==3.0.3
RUN pip install --no-cache-dir -r requirements.txt && pip install . && pip install -e ./lib
RUN pip install --upgrade pip setuptools wheel
RUN python -m pip install "fastapi>=0.110,<1" "uvicorn[standard]==0.30.6" "flask==${VER}"
# want: DO702
RUN python3 -m pip install --no-cache-dir "uvicorn[standard]"
RUN pip install -c constraints.txt requests
RUN pip install --no-index --find-links /wheels requests
RUN pip install https://example.com/pkg-1.0.tar.gz git+https://github.com/x/y@v1 ./dist/pkg-1.0-py3-none-any.whl
# want: DO702
RUN pip3 install --index-url https://pypi.example.com/simple requests \
    # a comment inside the continuation
    numpy
# want: DO702
RUN uv pip install --system httpx
RUN pip install $EXTRA_PKGS
RUN pip download requests && pip wheel requests
# want: DO702
RUN pip3.12 install --no-cache httpx
# an abbreviated --constraint is still a constraints file
RUN pip install --constr constraints.txt requests

FROM python:3.12-slim AS constrained
ENV PIP_CONSTRAINT=/constraints.txt
RUN pip install requests
