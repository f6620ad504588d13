FROM node:22-slim
# want: DO704
RUN npm install -g typescript pm2@5.4.2
RUN npm ci && npm install && npm install --omit=dev
RUN npm install -g npm@10.8.3 && npm i -g @nestjs/cli@10.4.5 ./local-pkg file:../x git+https://github.com/x/y.git#v1.0.0
# want: DO704
RUN npm i -g @angular/cli@latest
# want: DO704
RUN npm install --prefix /opt/tools --registry https://registry.example.com eslint
RUN npm run build && npm test
