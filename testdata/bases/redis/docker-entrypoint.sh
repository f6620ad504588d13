#!/bin/sh
# The stand-in's entrypoint, doing what the official redis image's does: an option or a .conf
# file as the first argument is redis-server's; started as root, redis-server runs as the
# redis user after the files in the working directory (/data) are given to it; the umask is
# 0077 unless one was set.
set -e
case "$1" in
-* | *.conf) set -- redis-server "$@" ;;
esac
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
	find . \! -user redis -exec chown redis '{}' +
	exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi
if [ "$(umask)" = 0022 ]; then
	umask 0077
fi
exec "$@"
