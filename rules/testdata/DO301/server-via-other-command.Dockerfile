# php-fpm installed but a PHP script is what runs: the script runs as root
# want: DO301
FROM php:8.3-fpm
COPY worker.php /app/
CMD ["php", "/app/worker.php"]
