# Apache through the php image's foreground script: its workers run as User www-data
FROM php:8.3-apache
COPY . /var/www/html
CMD ["apache2-foreground"]
