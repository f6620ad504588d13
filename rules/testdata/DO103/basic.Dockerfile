FROM alpine:3.20 AS build
# a builder stage: not reported
RUN apk add gcc musl-dev

FROM alpine:3.20
# want: DO103
RUN apk add curl
RUN apk add --no-cache curl
RUN apk --no-cache add curl
# want: DO103
RUN apk add --virtual .build-deps gcc \
    # comment in a continuation
    && apk del .build-deps
# want: DO103 DO103
RUN apk update && apk add --update tzdata
RUN apk update && apk add tzdata && rm -rf /var/cache/apk/*
RUN apk add -U tzdata; rm -rf /var/cache/apk
# want: DO103
RUN apk update && apk add --no-cache tzdata
# removed before: does not count
# want: DO103
RUN rm -rf /var/cache/apk/* && apk add git
RUN --mount=type=cache,target=/var/cache/apk apk add git
RUN --mount=type=cache,target=/etc/apk/cache apk add git
# want: DO103
RUN --mount=type=cache,target=/root/.cache apk add git
RUN apk del curl && apk info
RUN apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1
RUN ["apk", "add", "bash"]
# want: DO103
RUN <<EOF
apk add bash
EOF
# want: DO103
ONBUILD RUN apk add --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing shadow
RUN echo apk add
