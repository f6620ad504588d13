# the official postgres entrypoint starts as root and drops to the postgres user itself
FROM postgres:16
COPY init.sql /docker-entrypoint-initdb.d/
