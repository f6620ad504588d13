# an entrypoint script alone does not drop root; a comment naming gosu is not an install
# want: DO301
FROM debian:bookworm-slim
# TODO: step down with gosu
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
