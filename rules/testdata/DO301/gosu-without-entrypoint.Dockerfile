# gosu is installed but nothing runs it: the command starts as root
# want: DO301
FROM debian:bookworm-slim
COPY --from=tianon/gosu:1.17 /gosu /usr/local/bin/
CMD ["myserver"]
