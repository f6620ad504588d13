FROM debian:bookworm
# want: DO403
RUN cd /opt
# want: DO403
RUN cd /srv
RUN cd /usr/src && wget -q https://example.com/x.tgz
RUN cd -
