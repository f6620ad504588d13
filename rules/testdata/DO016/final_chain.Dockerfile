FROM node:20-slim AS base
# the final image is built FROM this stage, so the value ends up in its history
# want: DO016
ARG NPM_AUTH
RUN npm config set //registry.npmjs.org/:_authToken "$NPM_AUTH"

FROM base AS deps
RUN npm ci

FROM base
COPY --from=deps /app/node_modules /app/node_modules
