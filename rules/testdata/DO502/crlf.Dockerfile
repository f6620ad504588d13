FROM alpine:3.20
# want: DO502
COPY a b /srv
