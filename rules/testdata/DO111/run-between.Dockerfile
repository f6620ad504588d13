FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci
# npm ci wrote node_modules: moving the chown to the COPY would skip them
# want: DO111
RUN chown -R node:node /app
CMD ["node", "server.js"]
