# the official php:*-apache image itself (corpus: binnacle-gold php 7.x apache): PHP is compiled
# in place and the toolchain kept for docker-php-ext-install in child images
FROM debian:bookworm-slim
ENV PHPIZE_DEPS="autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c"
RUN apt-get update && apt-get install -y --no-install-recommends $PHPIZE_DEPS ca-certificates curl xz-utils
COPY docker-php-source /usr/local/bin/
RUN docker-php-source extract && cd /usr/src/php && ./configure && make -j "$(nproc)" && make install
COPY docker-php-ext-* docker-php-entrypoint /usr/local/bin/
ENTRYPOINT ["docker-php-entrypoint"]
CMD ["apache2-foreground"]
