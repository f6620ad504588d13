# the official mysql and cassandra images themselves (corpus: binnacle-gold mysql, cassandra):
# gosu is installed and the entrypoint script drops root before starting the server
FROM debian:bookworm-slim
RUN groupadd -r mysql && useradd -r -g mysql mysql
ENV GOSU_VERSION=1.17
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates wget; \
	wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-amd64"; \
	chmod +x /usr/local/bin/gosu; \
	gosu nobody true; \
	rm -rf /var/lib/apt/lists/*
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["mysqld"]
