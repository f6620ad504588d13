# a toolbox image whose command is a shell: the tools are what it is for
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential git \
	&& rm -rf /var/lib/apt/lists/*
CMD ["bash"]
