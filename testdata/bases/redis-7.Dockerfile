# Stand-in for redis:7 (about 117 MB): debian:bookworm-slim plus Debian's redis-server 7.0
# package, set up as the official image is (github.com/docker-library/redis): a `redis` user
# and group (UID/GID 999), WORKDIR and VOLUME /data owned by it, an entrypoint that runs
# redis-server as that user when started as root and prepends `redis-server` when the first
# argument is an option or a .conf file, EXPOSE 6379, CMD ["redis-server"]; redis-cli as there.
# With no config file Redis 7 listens on every interface (bind * -::*), as in the official
# image. The official image builds Redis with protected mode off, so that other containers
# reach it without a password; Debian's binary has it on, so /usr/local/bin/redis-server
# (first on PATH) starts Debian's with `protected-mode no` before anything it is given, which
# a config file or an option still overrides. No HEALTHCHECK, as in the official image.
# build.sh's context is testdata/bases/redis/.
FROM debian:bookworm-slim
RUN set -eux; \
    groupadd --system --gid 999 redis; \
    useradd --system --gid redis --uid 999 --home-dir /data --no-create-home --shell /usr/sbin/nologin redis; \
    apt-get update; \
    apt-get install -y --no-install-recommends redis-server redis-tools; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p /data /usr/local/etc/redis; \
    chown redis:redis /data; \
    echo 'protected-mode no' > /usr/local/etc/redis/standin-defaults.conf; \
    /usr/bin/redis-server --version
COPY redis-server docker-entrypoint.sh /usr/local/bin/
RUN redis-server --version && redis-cli --version
VOLUME /data
WORKDIR /data
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 6379
CMD ["redis-server"]
