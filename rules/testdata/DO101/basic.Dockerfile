FROM debian:bookworm
# want: DO101
RUN apt-get update && apt-get install -y curl
RUN apt-get update && apt-get install -y --no-install-recommends curl
# want: DO101
RUN apt-get update \
    # a comment inside a continuation
    && apt-get install -qq \
       ca-certificates
RUN apt-get -o APT::Install-Recommends=false install -y git
# want: DO101
RUN <<EOF
set -eux
apt-get update
apt-get install -y make
EOF
RUN apt-get remove -y curl
# want: DO101
RUN sudo apt-get install -y wget
RUN --mount=type=cache,target=/var/cache/apt echo apt-get install is only text here
