ARG V=1.2.3
FROM alpine:3.20 AS build
# a builder stage: only what COPY --from takes reaches the image
ADD https://example.com/tool.tar.gz /tmp/

FROM alpine:3.20
ARG V
# want: DO114
ADD https://example.com/tool-${V}.tar.gz /tmp/
# want: DO114
ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/pkg.deb?download=1 /tmp/pkg.deb
# want: DO114
ADD https://github.com/acme/tool/releases/download/v1/tool_linux.ZIP /tmp/
ADD https://example.com/config.json /etc/config.json
ADD https://example.com/app.jar /app.jar
ADD --unpack=true https://example.com/tool.tar.gz /opt/
ADD https://github.com/acme/repo.git /src
ADD local.tar.gz /opt/
ADD https://example.com/${UNKNOWN} /opt/
COPY --from=build /tmp/tool.tar.gz /tmp/
# want: DO114
ONBUILD ADD http://example.com/x.tgz /x.tgz
