FROM alpine:3.20
# want: DO703
RUN apk add --no-cache curl bash=5.2.26-r0
RUN apk add --no-cache curl=8.9.1-r0 jq~1.7 ./local.apk
RUN apk add --no-cache --virtual .build-deps=1 gcc=13.2.1_git20240309-r0 && apk del .build-deps
# want: DO703
RUN apk add --no-cache --virtual .build-deps gcc musl-dev
RUN apk update && apk upgrade
# want: DO703
RUN --mount=type=cache,target=/var/cache/apk apk add \
    # comment
    git
