FROM node:22-slim AS build
COPY . .
RUN npm ci
CMD ["npm", "run", "build"]

FROM node:22-slim
COPY --from=build /app /app
# want: DO515
CMD ["npm", "run", "dev"]
