ARG PY=3.12
ARG PINNED=alpine:3.20@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
ARG UNSET
# want: DO707
FROM python:${PY}-slim AS build
FROM build AS test
FROM ${PINNED} AS pinned
FROM ${UNSET} AS unknown
FROM scratch
# want: DO707
FROM --platform=$BUILDPLATFORM golang:1.23 AS cross
FROM gcr.io/distroless/static-debian12@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
