FROM golang:1.22
COPY . .
# a build in the final stage: DO108 reports it
RUN go build -o /app .
CMD ["/app"]
