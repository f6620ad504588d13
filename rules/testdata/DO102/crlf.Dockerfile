FROM debian:bookworm
# want: DO102
RUN apt-get update \
 && apt-get install -y curl
CMD ["curl"]
