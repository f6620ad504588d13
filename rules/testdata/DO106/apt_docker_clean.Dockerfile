FROM debian:bookworm AS kept-hook
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends curl

FROM kept-hook
RUN rm -f /etc/apt/apt.conf.d/docker-clean
# only the lists are cache-mounted: the .debs stay in /var/cache/apt/archives
# want: DO106
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends curl
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends curl
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends curl && apt-get clean
