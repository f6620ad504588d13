ARG TAG
ARG VARIANT
ARG IMG=alpine
ARG EMPTY=
# want: DO017
FROM busybox:${TAG} AS a
FROM busybox:stable${VARIANT} AS b
FROM alpine:${TAG:-3.14} AS c
FROM ${IMG}:3.20 AS d
# want: DO017
FROM ${EMPTY} AS e
# BuildKit's linter continues after the invalid references
# want: DO007
CMD echo after
