FROM debian:bookworm AS base
USER app

FROM base
USER 10001:10001
CMD ["sleep", "infinity"]
