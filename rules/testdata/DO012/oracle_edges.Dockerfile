ARG BASE_TAG=3.20
ARG UNSET
FROM alpine:${BASE_TAG} AS base
ONBUILD COPY $ONBUILD_SRC /app/
ONBUILD CMD run-app --port 80
ONBUILD WORKDIR relative/dir
ONBUILD ENV LEGACY value
ARG STAGE_ARG=1
ENV PATH=/opt/bin:$PATH
# want: DO012
CMD echo skipped
CMD echo second
# want: DO012
HEALTHCHECK CMD true
HEALTHCHECK NONE
# want: DO012
ENTRYPOINT run
ENTRYPOINT ["run"]
EXPOSE 80/TCP 127.0.0.1:81:81 ${PORTS:-90/UDP} 91/Udp
EXPOSE $UNDEF_PORT

FROM base AS child
COPY $STAGE_ARG /x
RUN --mount=type=cache,target=$CACHE_DIR,id=${STAGE_ARG} echo hi
ENV A=1 B=$A
ARG C=$A D=$C
COPY <<EOT /etc/conf
value $HEREDOC_VAR
EOT
COPY <<'EOT' /etc/conf2
value $NOT_EXPANDED
EOT
LABEL key value
USER $USR
VOLUME ${VOL:-/v} /data
STOPSIGNAL ${SIG:-SIGTERM}
WORKDIR relative

FROM base AS unreachable
RUN true

FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS win
ENV PATH="C:\tools;${PATH}"
WORKDIR C:\app
WORKDIR relative

FROM --platform=linux/x86_64 alpine AS build-amd64
FROM --platform=linux alpine AS plain
FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine AS tp
FROM --platform=$TARGETPLATFORM alpine AS tp2
FROM child
COPY --from=tp /a /b
COPY $STAGE_ARG $PATH $PAHT /
