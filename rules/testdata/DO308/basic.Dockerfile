ARG PY=latest
ARG NODE_TAG
ARG REGISTRY=registry.example.com:5000
# want: DO308
FROM python AS py
# want: DO308
FROM node:latest AS node
# want: DO308
FROM python:${PY} AS resolved
# an unresolvable variable: the tag comes from the build command
FROM node:${NODE_TAG} AS unresolved
# want: DO308
FROM ${REGISTRY}/team/base AS registry-port
FROM ${REGISTRY}/team/base:1.4 AS tagged
FROM ubuntu@sha256:b59d21599a2b151e23eea5f6602f4af4d7d31c4e236d22bf0b62b86d2e386b8f AS digest
FROM ubuntu:latest@sha256:b59d21599a2b151e23eea5f6602f4af4d7d31c4e236d22bf0b62b86d2e386b8f AS tag-and-digest
FROM scratch AS empty
# earlier stages are not images
FROM py AS child
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
# want: DO308
FROM --platform=$BUILDPLATFORM localhost:5000/tools
FROM debian:bookworm-slim
COPY --from=0 /x /x
