FROM debian:bookworm AS builder
RUN echo c

# want: DO005
FROM golang:1.22 AS Builder
RUN echo go

FROM alpine AS other
COPY --from=builder /x /y
