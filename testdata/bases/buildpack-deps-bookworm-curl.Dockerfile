# Stand-in for buildpack-deps:bookworm-curl: debian:bookworm plus the download tools.
FROM debian:bookworm
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates curl gnupg netbase wget; \
    rm -rf /var/lib/apt/lists/*
