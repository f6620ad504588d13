#!/bin/sh
# As the official nginx image's entrypoint: when the command is nginx, run the executable
# /docker-entrypoint.d/*.sh first (none are shipped in this stand-in), then exec the command.
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    for f in $(find /docker-entrypoint.d/ -follow -type f -name '*.sh' -print | sort -V); do
        if [ -x "$f" ]; then
            [ -n "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ] || echo "$0: running $f"
            "$f"
        fi
    done
fi
exec "$@"
