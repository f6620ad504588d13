# syntax=docker/dockerfile:1
FROM alpine:3.20
ARG GOSU_VERSION=1.17
ARG MIRROR
# want: DO310
ADD https://github.com/tianon/gosu/releases/download/${GOSU_VERSION}/gosu-amd64 /usr/local/bin/gosu
ADD --checksum=sha256:bbc4136d03ab138b1ad66fa4fc051bafc6cc7ffae632b069a53657279a450de3 https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu
# want: DO310
ADD http://example.com/tool.tar.gz /opt/
# an unresolvable variable after the scheme is still a download
# want: DO310
ADD https://${MIRROR}/tool.tar.gz /opt/
# want: DO310
ADD https://github.com/moby/buildkit.git#v0.26.2 /src/buildkit
# want: DO310
ADD git@github.com:moby/buildkit.git /src/buildkit
ADD --checksum=be1f38e https://github.com/moby/buildkit.git#v0.26.2 /src/pinned
ADD https://github.com/moby/buildkit.git#be1f38e8d2e8e7e2a1c4d4b6c1c3f2a9d8e7f6a5 /src/sha
ADD https://github.com/moby/buildkit.git?ref=v0.26.2&checksum=be1f38e /src/query
ADD rootfs.tar.gz /
ADD ["local file.txt", "/srv/"]
COPY --from=0 /etc/os-release /tmp/
# want: DO310
ADD ["https://example.com/a.json", "/srv/"]
# want: DO310
ONBUILD ADD https://example.com/plugin.jar /plugins/
