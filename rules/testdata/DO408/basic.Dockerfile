FROM golang:1.26 AS build
# want: DO408
COPY go.mod go.sum ./
WORKDIR /src
COPY . .

FROM build AS test
COPY testdata/ testdata/

FROM python:3.12-slim
COPY app.py /srv/app.py
# want: DO408
ADD vendor.tar.gz vendor/
ARG DEST=/opt
COPY x ${DEST}/x
