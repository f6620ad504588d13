FROM debian:bookworm-slim
# the image's command is git: it is the runtime, not a build tool
RUN apt-get update && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/*
# want: DO107
RUN apt-get update && apt-get install -y --no-install-recommends git make \
    && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["/usr/bin/git"]
