FROM --platform=$BUILDPLATFORM golang:1.24 AS build
ARG TARGETARCH
RUN GOARCH=$TARGETARCH go build -o /app .

FROM --platform=$BUILDPLATFORM node:22 AS assets
RUN echo built

FROM --platform=$TARGETPLATFORM alpine:3.22
COPY --from=build /app /app
