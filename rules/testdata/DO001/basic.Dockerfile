ARG BASE=golang:1.22
# want: DO001
FROM ${BASE} AS BuilderBase
RUN go build -o /out/app ./...

# want: DO001
FROM BuilderBase AS Tester
RUN go test ./...

FROM alpine:3.20 AS runtime
COPY --from=BuilderBase /out/app /app
COPY --from=0 /etc/passwd /etc/passwd
RUN --mount=type=bind,from=BuilderBase,source=/out,target=/mnt ls /mnt
ONBUILD COPY --from=BuilderBase /x /y
RUN <<EOF
echo BuilderBase stays as is in a heredoc
EOF

FROM runtime
