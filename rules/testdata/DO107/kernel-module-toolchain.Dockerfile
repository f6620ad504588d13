# The toolchain that builds a kernel module when the container starts (kmod kept) is not
# reported: compiler, make, kernel and libelf headers.
FROM debian:bookworm-slim
RUN apt-get update && apt-get -y install --no-install-recommends \
	build-essential kmod libelf-dev linux-headers-amd64 \
	&& rm -rf /var/lib/apt/lists/*
COPY module /usr/src/module
ENTRYPOINT ["sh", "-c", "make -C /usr/src/module && insmod /usr/src/module/mod.ko && exec \"$@\"", "--"]
