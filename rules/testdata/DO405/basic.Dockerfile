FROM ubuntu:24.04
# want: DO405, DO405
RUN apt update && apt install -y --no-install-recommends curl
# want: DO405
RUN /usr/bin/apt -y upgrade
# want: DO405
RUN apt full-upgrade -y
# want: DO405
RUN apt search curl
# want: DO405
RUN apt list --installed
RUN apt-get update && apt-cache policy curl
# want: DO405
RUN <<EOF bash
set -euo pipefail
apt remove -y curl
EOF
RUN echo apt install curl
# want: DO405
RUN "apt" install -y curl
