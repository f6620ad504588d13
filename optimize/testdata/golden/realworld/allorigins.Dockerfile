FROM node:20-slim AS runtime-build
RUN mkdir -p /usr/src/app
WORKDIR /usr/src/app
COPY ./package.json /usr/src/app/
COPY ./.yarnrc.yml /usr/src/app/
COPY ./yarn.lock /usr/src/app/
COPY ./.yarn/ /usr/src/app/.yarn
ENV NODE_ENV=production
RUN --mount=type=cache,target=/root/.yarn/berry/cache \
    yarn install --immutable
COPY . /usr/src/app
CMD [ "npm", "run", "start" ]

FROM runtime-build AS runtime-prod-deps
RUN --mount=type=cache,target=/root/.yarn/berry/cache \
    yarn workspaces focus --all --production \
 && rm -rf .yarn/cache .yarn/install-state.gz

FROM node:20-slim AS runtime
RUN mkdir -p /usr/src/app
WORKDIR /usr/src/app
COPY --from=runtime-prod-deps /usr/src/app/node_modules /usr/src/app/node_modules
COPY ./package.json /usr/src/app/
COPY ./.yarnrc.yml /usr/src/app/
COPY ./yarn.lock /usr/src/app/
COPY ./.yarn/ /usr/src/app/.yarn
COPY . /usr/src/app
ENV NODE_ENV=production
USER node
CMD [ "npm", "run", "start" ]
