FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

FROM base AS final
RUN pip install flask

FROM python:3.12-slim AS other
ARG PIP_NO_CACHE_DIR=1
RUN pip install flask
