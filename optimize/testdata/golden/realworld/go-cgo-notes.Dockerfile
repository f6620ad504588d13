# Optimized by dockopt from Dockerfile — see dockopt-report.md for every change and why.
# build downloads the modules first (cached until go.mod/go.sum change), then builds the binary;
# both caches are BuildKit cache mounts, kept between builds and never in a layer.
FROM golang:1.26-bookworm AS build
ENV CGO_ENABLED=1
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends gcc sqlite3 libsqlite3-dev ca-certificates
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=1 go build -trimpath -ldflags="-s -w" -o /out/app .

# runtime holds the binary and CA certificates on debian:bookworm-slim (the C library it links against), plus sqlite3, libsqlite3-0, ca-certificates.
FROM debian:bookworm-slim AS runtime
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends sqlite3 libsqlite3-0 ca-certificates
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/app /app
USER 65532:65532
EXPOSE 8080
CMD ["/app"]
