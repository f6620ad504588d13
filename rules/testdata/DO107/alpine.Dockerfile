FROM alpine:3.20
ARG BUILD_DEPS="gcc musl-dev"
RUN apk add --no-cache --virtual .build-deps gcc musl-dev linux-headers \
    && pip install psutil \
    && apk del .build-deps
# want: DO107
RUN apk add --no-cache build-base git curl
# want: DO107
RUN apk add --no-cache $BUILD_DEPS
RUN apk add --no-cache $UNKNOWN_DEPS
# want: DO107
RUN <<EOF
apk add --no-cache clang-16 rust cargo
EOF
RUN apk add --no-cache postgresql-libs
CMD ["/usr/local/bin/app"]
