# Optimized by dockopt from Dockerfile — see dockopt-report.md for every change and why.
# deps installs the dependencies from the lockfile only, cached until it changes.
FROM node:20-slim AS deps
ENV PORT=80
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends curl tini
WORKDIR /usr/local/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --prefer-offline

# prod-deps installs the production dependencies only, in their own layer: a code change does not touch it.
FROM node:20-slim AS prod-deps
ENV PORT=80
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends curl tini
WORKDIR /usr/local/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --prefer-offline

# build runs the original's RUN steps on the code.
FROM deps AS build
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    npm ci --prefer-offline && \
 mv /usr/local/app/node_modules /node_modules

# runtime is the slim image with the production dependencies and the app, run as user node.
FROM node:20-slim AS runtime
ENV NODE_ENV=production
ENV PORT=80
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends curl tini
WORKDIR /usr/local/app
COPY --from=prod-deps --chown=node:node /usr/local/app/node_modules ./node_modules
COPY --chown=node:node . .
USER node
EXPOSE 80
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]
