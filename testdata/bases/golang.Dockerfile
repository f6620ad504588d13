# Stand-in for golang:1.2x (about 800 MB): buildpack-deps:bookworm-scm plus gcc, libc6-dev, make,
# pkg-config and this machine's Go toolchain (go.tar, a copy of its GOROOT, put into the build
# context by build.sh) in /usr/local/go, with the official image's environment.
FROM buildpack-deps:bookworm-scm
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends g++ gcc libc6-dev make pkg-config; \
    rm -rf /var/lib/apt/lists/*
ARG GOLANG_VERSION
ARG GOPROXY_OVERRIDE=
ARG GOSUMDB_OVERRIDE=
ENV GOLANG_VERSION=${GOLANG_VERSION} GOTOOLCHAIN=local GOPATH=/go
ENV PATH=/go/bin:/usr/local/go/bin:$PATH
ADD go.tar /usr/local/
RUN set -eux; \
    if [ -n "$GOPROXY_OVERRIDE" ]; then sed -i "s|^GOPROXY=.*|GOPROXY=$GOPROXY_OVERRIDE|" /usr/local/go/go.env; fi; \
    if [ -n "$GOSUMDB_OVERRIDE" ]; then sed -i "s|^GOSUMDB=.*|GOSUMDB=$GOSUMDB_OVERRIDE|" /usr/local/go/go.env; fi; \
    mkdir -p "$GOPATH/src" "$GOPATH/bin"; chmod -R 1777 "$GOPATH"; \
    go version
WORKDIR $GOPATH
