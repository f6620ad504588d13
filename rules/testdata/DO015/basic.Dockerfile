# want: DO015
FROM --platform=$TARGETPLATFORM alpine AS builder
FROM --platform=$BUILDPLATFORM alpine AS cross
# want: DO015
FROM --platform=${TARGETPLATFORM} golang:1.22 AS two
FROM alpine
