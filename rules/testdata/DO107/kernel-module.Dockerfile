# An image that keeps kmod builds a kernel module against the host's kernel when it starts (the
# entrypoint runs `make module`): the compiler, make and libelf-dev are run-time needs there;
# git and libmnl-dev, used only by the build, are still reported (corpus: jessfraz
# wireguard/install).
FROM debian:bookworm-slim
# want: DO107
RUN apt-get update && apt-get -y install --no-install-recommends \
	build-essential ca-certificates git kmod libelf-dev libmnl-dev pkg-config \
	&& rm -rf /var/lib/apt/lists/*
RUN git clone --depth 1 https://git.zx2c4.com/wireguard-tools.git /wireguard-tools \
	&& make -C /wireguard-tools/src && make -C /wireguard-tools/src install
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
CMD ["wg", "--help"]
