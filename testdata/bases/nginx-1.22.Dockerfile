# Stand-in for nginx:1.22 (about 142 MB): debian:bookworm-slim plus Debian's nginx 1.22 package,
# set up as the official image is (github.com/nginxinc/docker-nginx): an `nginx` user (UID/GID
# 101), /etc/nginx/nginx.conf that runs as that user and includes /etc/nginx/conf.d/*.conf, a
# default.conf listening on port 80 that serves /usr/share/nginx/html, logs to stdout/stderr,
# /docker-entrypoint.sh that runs /docker-entrypoint.d/*.sh before nginx, EXPOSE 80, STOPSIGNAL
# SIGQUIT, CMD ["nginx", "-g", "daemon off;"]; curl and gettext-base (envsubst) as the official
# image carries them, and Debian's builds of the dynamic modules it ships (xslt, geoip,
# image-filter, stream), installed but not loaded, as there. Not copied: njs (not packaged in
# bookworm) and the official entrypoint scripts (envsubst templates, IPv6 listen, worker tuning).
# build.sh's context is testdata/bases/nginx/.
FROM debian:bookworm-slim
RUN set -eux; \
    groupadd --system --gid 101 nginx; \
    useradd --system --gid nginx --no-create-home --home /nonexistent --shell /bin/false --uid 101 nginx; \
    apt-get update; \
    apt-get install -y --no-install-recommends --no-install-suggests nginx gettext-base curl ca-certificates \
        libnginx-mod-http-xslt-filter libnginx-mod-http-geoip libnginx-mod-http-image-filter libnginx-mod-stream; \
    rm -rf /var/lib/apt/lists/*; \
    rm -f /etc/nginx/sites-enabled/default; \
    mkdir -p /etc/nginx/conf.d /docker-entrypoint.d /var/cache/nginx; \
    ln -sf /dev/stdout /var/log/nginx/access.log; \
    ln -sf /dev/stderr /var/log/nginx/error.log; \
    nginx -v
COPY nginx.conf /etc/nginx/nginx.conf
COPY default.conf /etc/nginx/conf.d/default.conf
COPY index.html 50x.html /usr/share/nginx/html/
COPY docker-entrypoint.sh /
RUN nginx -t
ENTRYPOINT ["/docker-entrypoint.sh"]
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
