FROM golang:1.23 AS build
RUN CGO_ENABLED=0 go build -o /probe ./cmd/probe

FROM gcr.io/distroless/static-debian12 AS shellform
COPY --from=build /probe /probe
# want: DO402
HEALTHCHECK CMD /probe -url http://127.0.0.1:8080/healthz

FROM gcr.io/distroless/static-debian12 AS execform
COPY --from=build /probe /probe
HEALTHCHECK CMD ["/probe", "-url", "http://127.0.0.1:8080/healthz"]

FROM scratch
# want: DO402
HEALTHCHECK CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/"]
