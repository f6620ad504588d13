FROM alpine
# want: DO003
RUN apk add \

    curl
