FROM node:20
# linted alone: no context, no finding
COPY . .
RUN npm install
