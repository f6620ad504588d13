FROM golang:1.26-bookworm AS runtime-build

ARG TARGETPLATFORM
ARG BUILDPLATFORM
RUN echo "I am running on $BUILDPLATFORM, building for $TARGETPLATFORM" 

LABEL org.opencontainers.image.source=https://github.com/cloudflare/cfssl
LABEL org.opencontainers.image.description="Cloudflare's PKI toolkit"

ARG TARGETOS
ARG TARGETARCH

WORKDIR /workdir
COPY . /workdir

RUN make clean && \
    GOOS=${TARGETOS} GOARCH=${TARGETARCH} make all && cp bin/* /usr/bin/

EXPOSE 8888

ENTRYPOINT ["cfssl"]
CMD ["serve", "-address", "0.0.0.0", "-port", "8888"]

FROM debian:bookworm-slim AS runtime
WORKDIR /workdir
COPY --from=runtime-build /usr/bin/cfssl /usr/bin/cfssl
COPY --from=runtime-build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=runtime-build /workdir/cmd/mkbundle/cert-bundle.crt /workdir/cmd/mkbundle/cert-bundle.crt
COPY --from=runtime-build /workdir/transport/example/maclient/client.json /workdir/transport/example/maclient/client.json
COPY --from=runtime-build /workdir/transport/example/maserver/server.json /workdir/transport/example/maserver/server.json
ARG TARGETPLATFORM
ARG BUILDPLATFORM
LABEL org.opencontainers.image.source=https://github.com/cloudflare/cfssl
LABEL org.opencontainers.image.description="Cloudflare's PKI toolkit"
ARG TARGETOS
ARG TARGETARCH
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-log-init --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /workdir \
    && chown 10001:10001 /workdir
USER 10001:10001
EXPOSE 8888
ENTRYPOINT ["cfssl"]
CMD ["serve", "-address", "0.0.0.0", "-port", "8888"]
