FROM debian:bookworm-slim
ARG SSH_PORT=22
ARG OTHER
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
# want: DO311
EXPOSE 22
# want: DO311
EXPOSE 80 22/tcp 443
# want: DO311
EXPOSE ${SSH_PORT}/tcp
EXPOSE 2222 220 8022
EXPOSE ${OTHER}
# want: DO311
EXPOSE 22/udp
EXPOSE 8080
