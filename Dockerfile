# dockopt's own image: a static binary on scratch, run as a non-root user.
#   docker build --build-arg GOPROXY="$(go env GOPROXY)" -t dockopt .
#   docker run --rm -i dockopt lint - < Dockerfile
# The image is for lint, fix, optimize, rules and inspect of image tarballs; measure needs the
# Docker CLI, which it does not hold (see the README).

# dockopt ignore=DO707 -- a build-only stage: nothing of it ships but the static binary
FROM golang:1.26 AS build
ARG GOPROXY
WORKDIR /src
COPY go.mod go.sum ./
# patched copies of dependencies, which go.mod replaces (third_party/README.md)
COPY third_party third_party
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/dockopt ./cmd/dockopt

FROM scratch
COPY --from=build /out/dockopt /dockopt
USER 65532:65532
ENTRYPOINT ["/dockopt"]
