ARG TAG=3.20
# want: DO009
FROM node:22${VARIANT} AS jsbuilder
FROM alpine:${TAG} AS declared
FROM --platform=$BUILDPLATFORM golang:1.22 AS predefined
ARG LATE=1
# an ARG after the first FROM is not visible to FROM
# want: DO009
FROM alpine${LATE} AS late
# BuildKit stops at the invalid platform, so this stage comes last
# want: DO009
FROM --platform=$BUILDPLATFROM golang:1.22 AS typo
