# Stand-in for rust:1 (about 1.5 GB): buildpack-deps:bookworm (compilers, -dev packages) plus
# Debian bookworm's Rust toolchain (rustc 1.63, cargo 0.66; the official image has the newest
# stable from rustup), with the official image's environment: CARGO_HOME=/usr/local/cargo
# (its registry cache is /usr/local/cargo/registry) and /usr/local/cargo/bin first on PATH.
# No rustup. No crates.io here: crates with no dependencies build.
FROM buildpack-deps:bookworm
ENV RUSTUP_HOME=/usr/local/rustup CARGO_HOME=/usr/local/cargo
ENV PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends cargo rustc; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p "$CARGO_HOME/bin"; chmod -R a+w "$CARGO_HOME"; \
    rustc --version; cargo --version
ENV RUST_VERSION=1.63.0
