FROM --platform=$BUILDPLATFORM golang:1.24 AS build
ARG TARGETARCH
RUN GOARCH=$TARGETARCH go build -o /app .

# want: DO514
FROM --platform=${BUILDPLATFORM} alpine:3.22
COPY --from=build /app /app
