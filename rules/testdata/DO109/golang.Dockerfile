FROM golang:1.22 AS build
RUN go build -o /app .
# want: DO109
FROM golang:1.22-alpine
COPY --from=build /app /app
CMD ["/app"]
