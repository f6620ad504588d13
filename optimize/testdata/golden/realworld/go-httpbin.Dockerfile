FROM golang:1.26 AS build

WORKDIR /go/src/github.com/mccutchen/go-httpbin

COPY . .

RUN --mount=type=cache,id=gobuild,target=/root/.cache/go-build \
    make build buildtests

FROM scratch

# distroless/static:nonroot runs as nonroot (65532)
USER 65532:65532

COPY --from=build /go/src/github.com/mccutchen/go-httpbin/dist/go-httpbin /bin/

EXPOSE 8080
CMD ["/bin/go-httpbin"]
