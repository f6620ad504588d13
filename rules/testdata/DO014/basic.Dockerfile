ARG WINPLAT=windows/amd64
# want: DO014
FROM --platform=windows/amd64 alpine:3.20 AS a
# want: DO014
FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 AS b
# want: DO014
FROM --platform=${WINPLAT} python:3.12-slim AS c
FROM --platform=linux/arm64 alpine:3.20 AS d
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS e
FROM --platform=windows/amd64 mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022 AS f
FROM --platform=linux/amd64 myorg/unknown:1.0 AS g
FROM --platform=windows/amd64 golang:1.22 AS h
FROM --platform=linux/amd64 d AS i
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
