# Without a removed build-deps group nothing says the -dev package is a run-time need.
FROM alpine:3.20
# want: DO107
RUN apk add --no-cache libpcap-dev
RUN apk add --no-cache libpcap
CMD ["/usr/local/bin/scan"]
