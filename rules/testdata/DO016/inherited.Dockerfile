FROM node:20-slim AS base
# no RUN in this stage, but the final stage inherits the build argument and runs one
# want: DO016
ARG GITHUB_TOKEN
ARG DEFAULT_FROM_VAR=${GITHUB_TOKEN}
ENV SESSION_TTL_SECONDS=3600 TOKEN_EXPIRY_DAYS=7

FROM base
RUN npm ci
