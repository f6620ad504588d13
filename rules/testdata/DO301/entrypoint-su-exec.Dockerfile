# Alpine's su-exec plays gosu's part, here installed in a stage the final stage is built FROM
FROM alpine:3.20 AS base
RUN apk add --no-cache 'su-exec>=0.2'

FROM base
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["redis-server"]
