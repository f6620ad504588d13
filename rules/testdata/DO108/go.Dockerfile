FROM golang:1.22
WORKDIR /src
COPY . .
# want: DO108
RUN go build -o /app .
RUN go build -o /app2 ./cmd/other
CMD ["/app"]
