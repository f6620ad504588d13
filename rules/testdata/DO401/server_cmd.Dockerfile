FROM node:22-slim AS base
WORKDIR /app

# want: DO401
FROM base
COPY . .
CMD ["node", "dist/server.js"]
