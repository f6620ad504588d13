ARG VERSION=1.2.3
FROM alpine:3.20
# want: DO113
ADD requirements.txt /app/
# want: DO113
add --chown=app:app --chmod=644 . /app
# want: DO113
Add --link src/ /app/src/
ADD rootfs.tar.xz /
ADD https://example.com/tool-${VERSION}.tar.gz /tmp/
ADD https://example.com/config.json /etc/config.json
ADD git@github.com:acme/repo.git /src
ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/x /x
ADD --keep-git-dir=true https://github.com/acme/repo.git /src
ADD ${UNKNOWN} /opt/
ARG VERSION
ARG JAR=app-${VERSION}.jar
# want: DO113
ADD target/${JAR} /app.jar
COPY a.txt /a.txt
# want: DO113
ONBUILD ADD . /app/src
# want: DO113
ADD <<EOF /etc/motd
hello
EOF
