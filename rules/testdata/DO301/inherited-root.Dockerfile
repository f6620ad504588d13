FROM node:20-slim AS base
USER node
RUN npm --version
USER root

# want: DO301
FROM base
CMD ["node", "index.js"]
