FROM debian:bookworm
# want: DO202
RUN apt-get update
RUN apt-get install -y curl
