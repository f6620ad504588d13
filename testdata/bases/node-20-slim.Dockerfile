# Stand-in for node:20-slim (about 200 MB): debian:bookworm-slim plus Node.js 20 and npm in
# /usr/local, a `node` user (UID/GID 1000) and the official entrypoint; no curl, wget,
# ca-certificates or compiler. build.sh puts this machine's Node.js 20 (node.tar) into the context.
FROM debian:bookworm-slim
# This machine's npm registry: NPM_REGISTRY only when it is not npm's default (the global npmrc);
# YARN_REGISTRY always (empty: this machine has no npm), because yarn 2+ (berry) reads no npmrc
# and its own default is another host: it reads every .yarnrc.yml from the project's directory
# up to /, the project's own first (https://yarnpkg.com/configuration/yarnrc#npmRegistryServer).
ARG NPM_REGISTRY=
ARG YARN_REGISTRY=
# This machine's local CAs (see rootfs-setup.sh); empty when it has none.
ARG NODE_EXTRA_CA_CERTS=
ENV NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ADD node.tar /
RUN set -eux; \
    if [ -n "$NPM_REGISTRY" ]; then mkdir -p /usr/local/etc; echo "registry=$NPM_REGISTRY" > /usr/local/etc/npmrc; fi; \
    if [ -n "$YARN_REGISTRY" ]; then echo "npmRegistryServer: \"${YARN_REGISTRY%/}\"" > /.yarnrc.yml; fi; \
    node --version; npm --version; yarn --version
COPY node-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
