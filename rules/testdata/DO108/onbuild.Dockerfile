FROM node:20
ONBUILD COPY . .
ONBUILD RUN npm run build
RUN npm run build
CMD ["node"]
