FROM debian:bookworm AS build
# want: DO202
RUN apt-get update
RUN apt-get install -y --no-install-recommends gcc

FROM debian:bookworm
# want: DO202
RUN apt-get update -qq

RUN DEBIAN_FRONTEND=noninteractive apt-get install -y curl
# want: DO202
RUN apt-get update
# a comment between: joined by hand
RUN apt-get install -y git
# want: DO202
RUN apt update
RUN --mount=type=cache,target=/var/cache/apt apt install -y git
# want: DO202
RUN curl -fsSL https://example.com/key.gpg | gpg --dearmor -o /usr/share/keyrings/x.gpg \
    && echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://example.com stable main" > /etc/apt/sources.list.d/x.list \
    && apt-get update
RUN apt-get install -y x-tool
RUN apt-get update && apt-get install -y make
RUN apt-get update && ./install-deps.sh
RUN apt-get update && apt-get upgrade -y
# want: DO202
RUN <<EOF
apt-get update
EOF
RUN apt-get install -y vim
# want: DO202
ONBUILD RUN apt-get update
RUN ["apt-get", "update"]
RUN echo apt-get update
