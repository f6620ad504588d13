FROM php:8.3-cli
COPY . /app
# want: DO515
ENTRYPOINT ["php", "-S", "0.0.0.0:8000", "-t", "/app/public"]
