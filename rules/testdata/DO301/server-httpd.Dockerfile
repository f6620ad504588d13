# the official httpd image's command: Apache's workers run as the configured User (daemon)
FROM alpine:3.20
RUN apk add --no-cache apache2
COPY httpd-foreground /usr/local/bin/
CMD ["httpd-foreground"]
