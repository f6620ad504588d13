# escape=`
FROM alpine:3.20 AS base
# want: DO305
RUN wget -qO- https://example.com/x.tgz `
    | tar -xz
FROM base
# want: DO305
RUN apk info | sort
FROM python:3.12-alpine
# want: DO305
RUN pip freeze | tee /requirements.lock
