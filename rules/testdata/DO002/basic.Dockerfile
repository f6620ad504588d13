# want: DO002
FROM golang:1.22 as builder
RUN go build ./...

FROM alpine AS ok-upper
from alpine as ok-lower
# want: DO002
from alpine AS bad-lower
# the casing of a mixed-case From is another rule's business
From alpine as mixed
# want: DO002
FROM \
    alpine \
    as continued
