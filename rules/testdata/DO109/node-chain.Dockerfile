FROM node:20 AS build
RUN npm ci && npm run build

# want: DO109
FROM node:20-bookworm AS base
WORKDIR /app

FROM base
COPY --from=build /app/dist ./dist
CMD ["node", "dist/server.js"]
