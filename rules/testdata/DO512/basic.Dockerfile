FROM debian:bookworm AS build
RUN mkdir -p /out && touch /out/app

FROM scratch AS flat
COPY --from=build / /

FROM debian:bookworm-slim
# want: DO512
COPY --from=build / /
# want: DO512
COPY --from=build "/" "/"
COPY --from=build /out/app /usr/local/bin/app
COPY --from=flat /etc/os-release /x
