FROM debian:bookworm AS build
USER builder
RUN true

FROM debian:bookworm
RUN useradd --system --uid 10001 app
# want: DO409
USER app:app
CMD ["sleep", "infinity"]
