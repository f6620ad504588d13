ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-slim AS runtime-build

ARG UID="991"
ARG GID="991"

RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/root/.npm \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
 libmimalloc-dev libmimalloc2.0 \
 && ln -s /usr/lib/$(uname -m)-linux-gnu/libmimalloc.so.2 /usr/local/lib/libmimalloc.so \
 && groupadd -g "${GID}" summaly \
 && useradd -l -u "${UID}" -g "${GID}" -m -d /app summaly \
 && find / -type d -path /sys -prune -o -type d -path /proc -prune -o -type f -perm /u+s -ignore_readdir_race -exec chmod u-s {} \; \
 && find / -type d -path /sys -prune -o -type d -path /proc -prune -o -type f -perm /g+s -ignore_readdir_race -exec chmod g-s {} \; \
 && npm install -g pnpm@10.23.0 --prefer-offline

WORKDIR /app
COPY . ./

ENV NODE_ENV=production
RUN --mount=type=cache,target=/root/.local/share/pnpm/store \
    pnpm i --frozen-lockfile --aggregate-output --store-dir=/root/.local/share/pnpm/store \
 && pnpm install fastify-cli --store-dir=/root/.local/share/pnpm/store \
 && chown -hR summaly:summaly /app

ENV LD_PRELOAD=/usr/local/lib/libmimalloc.so
ENV MIMALLOC_LARGE_OS_PAGES=0

USER summaly
CMD ["pnpm", "fastify", "start", "./dist/index.js"]

EXPOSE 3000

FROM runtime-build AS runtime-prod-deps
USER root
RUN pnpm prune --prod

FROM node:${NODE_VERSION}-slim AS runtime
ARG UID="991"
ARG GID="991"
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends libmimalloc2.0
RUN ln -s /usr/lib/$(uname -m)-linux-gnu/libmimalloc.so.2 /usr/local/lib/libmimalloc.so \
 && groupadd -g "${GID}" summaly \
 && useradd -l -u "${UID}" -g "${GID}" -m -d /app summaly \
 && find / -type d -path /sys -prune -o -type d -path /proc -prune -o -type f -perm /u+s -ignore_readdir_race -exec chmod u-s {} \; \
 && find / -type d -path /sys -prune -o -type d -path /proc -prune -o -type f -perm /g+s -ignore_readdir_race -exec chmod g-s {} \;
WORKDIR /app
COPY --from=runtime-prod-deps /app /app
ENV NODE_ENV=production
ENV LD_PRELOAD=/usr/local/lib/libmimalloc.so
ENV MIMALLOC_LARGE_OS_PAGES=0
USER summaly
CMD ["/app/node_modules/.bin/fastify", "start", "./dist/index.js"]
EXPOSE 3000
