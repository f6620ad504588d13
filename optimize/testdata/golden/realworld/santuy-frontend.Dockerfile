FROM node:20 AS runtime-build

COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm i -g serve
RUN npx vite build

EXPOSE 3000

CMD ["serve", "-s", "dist"]

FROM node:20-slim AS runtime
RUN npm install -g serve \
    && npm cache clean --force
COPY --from=runtime-build /dist /dist
USER node
EXPOSE 3000
CMD ["serve", "-s", "dist"]
