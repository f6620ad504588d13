# the node onbuild template (corpus: binnacle-gold node onbuild): the child's npm install may
# build native modules, which need the full image's toolchain
FROM node:20
WORKDIR /usr/src/app
ONBUILD COPY package.json /usr/src/app/
ONBUILD RUN npm install
ONBUILD COPY . /usr/src/app
CMD ["npm", "start"]
