FROM debian:bookworm AS base
RUN useradd --system --uid 10001 app
# want: DO409
USER app

FROM base
CMD ["sleep", "infinity"]
