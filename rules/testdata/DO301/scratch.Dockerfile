FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /app .
# want: DO301
FROM scratch
COPY --from=0 /app /app
ENTRYPOINT ["/app"]
