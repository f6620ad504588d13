# A file that removes its build dependencies keeps a library's -dev package outside that group
# on purpose: the program dlopens the unversioned libpcap.so, which only libpcap-dev ships
# (corpus: jessfraz masscan). A compiler kept the same way is still reported.
FROM alpine:3.20
RUN apk add --no-cache ca-certificates libpcap-dev
# want: DO107
RUN apk add --no-cache make
RUN apk add --no-cache --virtual .build-deps build-base clang git linux-headers \
    && git clone --depth 1 https://github.com/robertdavidgraham/masscan.git /src \
    && make -C /src && make -C /src install \
    && apk del .build-deps
ENTRYPOINT ["masscan"]
