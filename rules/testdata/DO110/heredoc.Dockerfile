FROM alpine:3.20
RUN apk add curl
# want: DO110
RUN <<EOF
rm -rf /var/cache/apk/*
EOF
RUN <<EOF
wget -O /tmp/a.tgz https://example.com/a.tgz
EOF
# want: DO110
RUN rm /tmp/a.tgz
ONBUILD RUN rm -rf /var/cache/apk
