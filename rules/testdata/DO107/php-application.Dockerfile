# an application built FROM php:*-apache (corpus: owncloud on php:7.2-apache): it uses the
# helpers, does not ship them, and its -dev headers stay in the image
FROM php:8.3-apache
# want: DO107
RUN apt-get update && apt-get install -y --no-install-recommends libpng-dev libpq-dev \
	&& rm -rf /var/lib/apt/lists/*
RUN docker-php-ext-install gd pdo_pgsql
# a helper copied FROM another stage or image does not make this the php image
COPY --from=php:8.3-apache /usr/local/bin/docker-php-ext-install /usr/local/bin/
CMD ["apache2-foreground"]
