FROM debian:bookworm-slim AS build
# a builder stage: not reported
RUN apt-get update && apt-get install -y --no-install-recommends gcc
RUN rm -rf /var/lib/apt/lists/*

FROM debian:bookworm-slim
WORKDIR /tmp
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
# want: DO110
RUN rm -rf /var/lib/apt/lists/*
RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt
RUN echo unrelated
# want: DO110
RUN rm /tmp/tool.tgz
RUN curl -fsSLO https://example.com/other.tar.gz
# want: DO110
RUN tar -xzf other.tar.gz -C /opt && rm -f other.tar.gz
RUN wget -q https://example.com/pkg.deb -P /var/tmp && dpkg -i /var/tmp/pkg.deb && rm /var/tmp/pkg.deb
# deleted in the same RUN: nothing left to report
RUN rm -rf /var/tmp/*
COPY installer.sh /opt/
RUN /opt/installer.sh
# want: DO110
RUN rm /opt/installer.sh
RUN git clone --depth 1 https://github.com/acme/tool.git /src/tool && make -C /src/tool install
# want: DO110
RUN rm -rf /src
# a file of the base image: nothing to do about it here
RUN rm -f /etc/nginx/conf.d/default.conf
RUN rm -rf /var/log/*
# a path on a mount is not in the layer
RUN --mount=type=cache,target=/tmp/cache mkdir -p /tmp/cache/x && rm -rf /tmp/cache/*
RUN curl -fsSL https://example.com/install.sh | sh
# a RUN that updates again cleans its own lists (DO102 reports the earlier RUN)
RUN apt-get update && apt-get install -y --no-install-recommends git
RUN apt-get update && apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*
