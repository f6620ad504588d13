# the official php:*-fpm image itself (corpus: binnacle-gold php 7.x fpm): PHPIZE_DEPS stay on
# purpose and the docker-php-ext-* helpers it copies in compile extensions in child images,
# whatever the image's command
FROM debian:bookworm-slim
ENV PHPIZE_DEPS="autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c"
RUN apt-get update && apt-get install -y --no-install-recommends $PHPIZE_DEPS ca-certificates curl \
	&& rm -rf /var/lib/apt/lists/*
COPY docker-php-source /usr/local/bin/
COPY docker-php-ext-* docker-php-entrypoint /usr/local/bin/
ENTRYPOINT ["docker-php-entrypoint"]
CMD ["php-fpm"]
