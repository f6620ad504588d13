FROM debian:bookworm
ARG PKGS="curl git"
# want: DO701
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
RUN apt-get install -y curl=7.88.1-10+deb12u8 git/bookworm-backports ./local.deb $PKGS
# want: DO701
RUN apt-get -t bookworm-backports install -y \
    # the one we need
    golang
RUN apt-get update && apt-get upgrade -y && apt-get remove -y curl
# want: DO701
RUN <<EOF
apt-get update
apt install -y jq
EOF
RUN ["apt-get", "install", "-y", "curl"]

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN apt-get install curl
