FROM node:22-slim
COPY . .
# want: DO515
CMD ["sh", "-c", "npm ci && npx nodemon src/index.js"]
