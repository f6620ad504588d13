# compiled and the compiler purged in the same RUN: a second stage would add little
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc make \
    && make -C /src install \
    && apt-get purge -y --auto-remove gcc make && rm -rf /var/lib/apt/lists/*
CMD ["/usr/local/bin/app"]
