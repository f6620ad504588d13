FROM alpine:3.20 AS a
# busybox has wget
HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/ || exit 1

FROM node:22-alpine AS b
# want: DO402
HEALTHCHECK CMD ["sh", "-c", "curl -f http://127.0.0.1:3000/ || exit 1"]

FROM nginx:alpine
# nginx's alpine image ships curl: not in the table, never reported
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
