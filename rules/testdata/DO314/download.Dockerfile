FROM debian:bookworm-slim
# want: DO314
RUN curl -fsSL https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 -o /usr/local/bin/gosu \
    && chmod +x /usr/local/bin/gosu
# want: DO314
RUN curl -sSL https://example.com/tool-1.2.tar.gz | tar -xzC /usr/local/bin
# want: DO314
RUN wget -q https://example.com/app.deb && dpkg -i app.deb && rm app.deb
# want: DO314
RUN cd /tmp && curl -fsSLO https://example.com/releases/v1/helm.tar.gz \
    && tar -xzf helm.tar.gz && mv linux-amd64/helm /usr/local/bin/
# want: DO314
RUN wget -O /tmp/install.sh "https://example.com/install.sh" && sh /tmp/install.sh
# want: DO314
RUN wget -qO- https://example.com/x.tar.xz | tar -xJ -C /opt

# verified in the same RUN
RUN curl -fsSL https://example.com/tool.tgz -o tool.tgz \
    && echo "0123abcd  tool.tgz" | sha256sum -c - \
    && tar -xzf tool.tgz
RUN curl -fsSLo node.tar.xz https://nodejs.org/dist/v22.0.0/node-v22.0.0-linux-x64.tar.xz \
    && curl -fsSLO https://nodejs.org/dist/v22.0.0/SHASUMS256.txt.asc \
    && gpg --batch --verify SHASUMS256.txt.asc \
    && tar -xJf node.tar.xz -C /usr/local
# verified by a later RUN of the stage
RUN curl -fsSL https://example.com/app -o /usr/local/bin/app
RUN echo "0123abcd  /usr/local/bin/app" | sha256sum -c - && chmod +x /usr/local/bin/app
# downloaded but not extracted, installed or run
RUN curl -fsSL https://example.com/KEYS -o /tmp/KEYS && gpg --import /tmp/KEYS
RUN curl -fsSL https://example.com/data.json -o /srv/data.json && cat /srv/data.json
RUN curl -fsSL https://example.com/health
