FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends sudo
RUN useradd -m app && echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app
USER app
# want: DO303
RUN sudo apt-get update
# want: DO303 DO303
RUN sudo -E apt-get install -y curl \
    # a comment inside a continuation
    && sudo -u postgres psql -c 'select 1'
# want: DO303
RUN /usr/bin/sudo chown -R app /srv
RUN echo sudo is only a word here && grep -r sudo /etc/sudoers.d
# want: DO303
RUN <<EOF
set -eux
sudo make install
EOF
# want: DO303
ONBUILD RUN sudo ldconfig
# want: DO303
RUN ["sudo", "ldconfig"]
RUN gosu app id && su-exec app id
