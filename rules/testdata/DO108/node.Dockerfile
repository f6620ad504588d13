FROM node:20
WORKDIR /app
COPY . .
RUN npm ci
RUN npm test
# want: DO108
RUN npm run build
CMD ["node", "dist/server.js"]
