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
# hadolint's DL3067 cases (test/Hadolint/Rule/DL3067Spec.hs): quoted roots, not a subdirectory
FROM debian:bookworm-slim AS quoted
# want: DO512
COPY --from=build "/" "/"
COPY --from=build / /app
COPY --from=build /app /
# want: DO512
COPY --from=build /. /
