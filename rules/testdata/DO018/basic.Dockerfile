# want: DO018
FROM --platform=linux/amd64 alpine AS base
FROM --platform=linux/amd64 alpine AS build_amd64
FROM --platform=linux/arm64 alpine AS build-arm64
FROM --platform=$BUILDPLATFORM alpine AS cross
ARG PLAT=linux/amd64
FROM alpine
