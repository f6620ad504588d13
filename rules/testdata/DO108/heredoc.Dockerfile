FROM rust:1.79
COPY . .
# want: DO108
RUN <<EOF
set -e
cargo build --release
EOF
CMD ["./target/release/app"]
