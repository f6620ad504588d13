FROM node:22 AS deps
WORKDIR /app
RUN npm ci

# want: DO505
FROM deps AS test
RUN npm test

FROM node:22 AS assets
RUN npm run build

FROM node:22 AS tools
RUN true

FROM tools AS helper

# want: DO505
FROM alpine:3.20
RUN echo unused unnamed stage

FROM node:22-slim
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=2 /app/dist /app/dist
RUN --mount=type=bind,from=helper,source=/x,target=/x true
