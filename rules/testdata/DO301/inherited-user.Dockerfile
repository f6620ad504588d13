FROM node:20-slim AS base
USER node

FROM base AS final
COPY --chown=node . /home/node/app
CMD ["node", "/home/node/app/index.js"]
