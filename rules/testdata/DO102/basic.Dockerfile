FROM debian:bookworm
# want: DO102
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/* /tmp/*
# want: DO102
RUN apt-get update \
    # a comment inside a continuation
    && apt-get install -y --no-install-recommends \
       ca-certificates \
    && apt-get clean
# cleaned with find, with braces, or with apt-get dist-clean
RUN apt-get update && apt-get install -y make && find /var/lib/apt/lists -type f -delete
RUN apt-get update && apt-get install -y make && rm -rf /var/lib/{apt,dpkg,cache,log}/
RUN apt-get update && apt-get install -y make && apt-get dist-clean
RUN set -eux; apt-get update; apt-get install -y make; rm -rf "/var/lib/apt/lists/"*
# removed before the update: the new lists stay
# want: DO102
RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y make
# want: DO102
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends make
EOF
RUN <<EOF bash
set -eux
apt-get update
apt-get install -y --no-install-recommends make
rm -rf /var/lib/apt/lists/*
EOF
# want: DO102
RUN apt-get update -qq && apt-get install -y -qq pkg-config > /dev/null || true; echo done
# no cleanup rule under a cache mount
RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends gcc
RUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y gcc
# a cache mount elsewhere does not help
# want: DO102
RUN --mount=type=cache,target=/root/.cache apt-get update && apt-get install -y gcc
# update alone is DO202's; install alone downloads no lists
RUN apt-get update
RUN apt-get install -y --no-install-recommends gcc
RUN ["/bin/sh", "-c", "apt-get update && apt-get install -y curl"]
RUN echo apt-get update && echo apt-get install
# want: DO102
ONBUILD RUN apt-get update && apt-get install -y curl
# want: DO102
RUN sudo apt update && sudo apt install -y curl
