FROM debian:bookworm
# want: DO404
RUN apt-get update && apt-get install --no-install-recommends curl
RUN apt-get update && apt-get install -y curl
RUN apt-get install --yes curl && apt-get install --assume-yes git
RUN apt-get -qq install curl
RUN apt-get -q -q install curl
# want: DO404
RUN apt-get -q install curl
RUN apt-get -o APT::Get::Assume-Yes=true install curl
RUN yes | apt-get install curl
RUN apt-get -qqy install curl
# want: DO404
RUN apt-get update \
    # comment inside the continuation
    && apt-get \
       dist-upgrade
# want: DO404, DO404
RUN apt-get purge --auto-remove gcc && apt-get autoremove
RUN apt-get update && apt-get clean && apt-get download curl
# want: DO404
RUN sudo apt install curl
# want: DO404
RUN <<EOF
set -eux
apt-get update
apt-get install curl
EOF
# want: DO404
ONBUILD RUN apt-get install make
RUN ["apt-get", "install", "curl"]
RUN apt-get install $APT_OPTS curl
