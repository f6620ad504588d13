# syntax=docker/dockerfile:1
ARG GO=1.23
FROM golang:${GO} AS build
# want: DO501
COPY --from=build /src /src
# want: DO501
COPY --from=0 /x /x
# want: DO501
COPY --from=runtime /etc/passwd /etc/passwd
RUN --mount=type=cache,target=/root/.cache/go-build go build -o /app .

FROM build AS test
COPY --from=0 /app /app
COPY --from=BUILD /app /app2
# want: DO501
COPY --from=biuld /app /app3
# want: DO501
COPY --from=7 /app /app4
# want: DO501
RUN --mount=type=bind,from=tset,source=/x,target=/x true

FROM gcr.io/distroless/static-debian12 AS runtime
COPY --from=build /app /app
COPY --from=busybox:1.36 /bin/busybox /busybox
COPY --from=ghcr.io/example/tools /bin/tool /tool
COPY --from=docker.io/library/alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5 /etc/os-release /os-release
# want: DO501
COPY --from=nginx /etc/nginx/nginx.conf /nginx.conf
# want: DO501
COPY --from=${GO} /x /y
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked true
ONBUILD COPY --from=downstream /x /x
