ARG PY=3.12
FROM python:${PY} AS build
# builder stages keep their cache out of the image
RUN pip install --prefix=/install -r requirements.txt

FROM python:${PY}-slim
COPY --from=build /install /usr/local
# want: DO104
RUN pip install gunicorn
ENV PIP_NO_CACHE_DIR=1
RUN pip install uvicorn
