FROM node:22-slim AS dev
COPY . .
CMD ["npm", "run", "dev"]

FROM node:22-slim
COPY . .
RUN npm ci && npm run build
CMD ["npm", "run", "start"]
