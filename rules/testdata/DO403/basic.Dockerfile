FROM debian:bookworm
COPY . /app
COPY web/ /srv/web/
COPY requirements.txt /srv/app/
# want: DO403
RUN cd /app && make
RUN (cd /src && make)
RUN cd /tmp && curl -fsSLO https://example.com/x.tgz && tar xf x.tgz
RUN cd /usr/src/python && ./configure && make && cd / && rm -rf /usr/src/python
RUN cd build && make && cd ..
# want: DO403
RUN cd /opt/tool && ./configure
# want: DO403
RUN cd /opt/tool && make
# want: DO403
RUN set -eux; \
    # go to the app
    cd /srv/app; \
    pip install -r requirements.txt
RUN if [ -d /x ]; then cd /x && make; fi
RUN for d in a b; do cd "$d"; done
RUN cd "$(mktemp -d)" && curl -fsSLO https://example.com/y.tgz
RUN cd /opt/x && make install && rm -rf /opt/x
RUN cd /usr/local/bin && ln -s python3 python
RUN mkdir -p /usr/src; cd /usr/src; wget -O php.tar.xz https://example.com/php.tar.xz
# want: DO403
RUN --mount=type=cache,target=/root/.npm cd /srv/web && \
    # comment kept by the fix
    npm ci
# want: DO403
ONBUILD RUN cd /app && make
RUN ["sh", "-c", "cd /app && make"]

FROM debian:bookworm AS last
COPY . /srv
# want: DO403
RUN cd /srv && make
