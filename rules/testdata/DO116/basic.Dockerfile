FROM node:20 AS build
WORKDIR /app
# a builder stage: not reported
RUN yarn install --frozen-lockfile && yarn build

FROM node:20-slim
WORKDIR /app
# want: DO116
RUN yarn install --frozen-lockfile --production
RUN yarn install --frozen-lockfile --production && yarn cache clean
# want: DO116
RUN yarn
# want: DO116
RUN yarn --frozen-lockfile \
    # only what runs in production
    --production \
    && yarn build
RUN yarn build
RUN yarn run test
# want: DO116
RUN yarn global add pm2
RUN yarn add express; rm -rf /usr/local/share/.cache/yarn
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install --immutable
# want: DO116
RUN --mount=type=cache,target=/var/cache/apt yarn install
# want: DO116
RUN <<EOF
yarn install
EOF
RUN ["yarn", "install"]
RUN yarn cache clean
