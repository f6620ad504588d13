# a base image for others to build FROM: no CMD or ENTRYPOINT, the toolchain is its purpose
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends gcc make git libssl-dev \
    && rm -rf /var/lib/apt/lists/*
