# Stand-in for node:20-slim (about 200 MB): debian:bookworm-slim plus Node.js 20 and npm in
# /usr/local, a `node` user (UID/GID 1000) and the official entrypoint; no curl, wget,
# ca-certificates or compiler. build.sh puts this machine's Node.js 20 (node.tar) into the context.
FROM debian:bookworm-slim
ARG NPM_REGISTRY=
# This machine's local CAs (see rootfs-setup.sh); empty when it has none.
ARG NODE_EXTRA_CA_CERTS=
ENV NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ADD node.tar /
RUN set -eux; \
    if [ -n "$NPM_REGISTRY" ]; then mkdir -p /usr/local/etc; echo "registry=$NPM_REGISTRY" > /usr/local/etc/npmrc; fi; \
    node --version; npm --version; yarn --version
COPY node-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
