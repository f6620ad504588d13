FROM scratch AS first

# a non-descriptive comment
# want: DO020
FROM scratch AS base

# build compiles the source
FROM golang:1.22 AS build
# VERSION is the version number.
ARG VERSION=1
# another comment

ARG SEPARATED=1
# renovate: datasource=github-releases depName=cli/cli
ARG GH_VERSION=2.40.0
# want: DO020
# the default port
ARG PORT=8080 HOST=0.0.0.0
# HOST is where to listen
ARG PORT2=1 HOST=2
# PROXY is the proxy to use,
# or empty for none
ARG PROXY
# hadolint ignore=DL3006
FROM alpine AS hadolint
##########
# Final image
# want: DO020
FROM alpine AS runtime
# RUN apt-get update
ARG COMMENTED_OUT=1
# a comment above a FROM without a stage name
FROM alpine
# Run the tool in a container
#
# docker run -it --rm tool
#
FROM alpine AS header
