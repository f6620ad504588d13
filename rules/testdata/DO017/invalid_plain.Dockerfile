# want: DO017
FROM DEBIAN AS upper
RUN true

# want: DO017
FROM debian@sha256:f1db AS short
RUN true

FROM debian:12 AS fine
RUN true

FROM upper
COPY --from=short /etc/os-release /b
COPY --from=fine /etc/os-release /c
