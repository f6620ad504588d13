FROM rust:1 AS runtime-build
WORKDIR /usr/src/rust-hello
COPY Cargo.toml Cargo.lock ./
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    mkdir -p src && echo 'fn main() {}' > src/main.rs && cargo build --release && rm -rf src target/release/.fingerprint/rust-hello-*
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    cargo build --release
EXPOSE 8080
CMD ["./target/release/rust-hello"]

FROM debian:bookworm-slim AS runtime
WORKDIR /usr/src/rust-hello
COPY --from=runtime-build /usr/src/rust-hello/target/release/rust-hello /usr/src/rust-hello/target/release/rust-hello
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-log-init --no-create-home --shell /usr/sbin/nologin app
USER 10001:10001
EXPOSE 8080
CMD ["./target/release/rust-hello"]
