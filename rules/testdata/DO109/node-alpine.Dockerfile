FROM node:20 AS build
RUN npm ci
FROM node:20-alpine
CMD ["node", "server.js"]
