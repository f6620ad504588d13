FROM alpine
# want: DO003
RUN apk add \

    curl
RUN echo ok \
# a comment line is not empty
    && true
# want: DO003
EXPOSE \

80
RUN <<EOF
echo a

echo b
EOF
# want: DO003
RUN set -eux; \
    apk add git; \

# comment after an empty line
    true
