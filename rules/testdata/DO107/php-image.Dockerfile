# the official php image: an entrypoint script, then php -a (the interactive shell)
FROM debian:bookworm-slim
ENV PHPIZE_DEPS="autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c"
RUN apt-get update && apt-get install -y --no-install-recommends $PHPIZE_DEPS ca-certificates curl \
	&& rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["docker-php-entrypoint"]
CMD ["php", "-a"]
