# an application on php:*-fpm (corpus: binnacle-gold wordpress-style images): php-fpm's master
# starts as root and runs its pool workers as www-data (user = www-data in the pool config)
FROM php:8.3-fpm
COPY . /var/www/html
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["php-fpm"]
