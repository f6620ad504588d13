FROM node:20-slim AS build
COPY . /src
# a builder stage: not reported
RUN chown -R node:node /src

FROM node:20-slim
RUN useradd -r app
COPY --from=build /src/dist /srv/app/dist
COPY package.json /srv/app/
# want: DO111
RUN chown -R app:app /srv/app
COPY config/ /etc/myapp/
# want: DO111
RUN chmod -R 0644 /etc/myapp
COPY scripts /opt/scripts
# want: DO111
RUN chmod -R +x /opt/scripts && echo done
RUN mkdir -p /data && chown -R app:app /data
RUN chown app:app /srv/app
COPY --chown=app:app bin/ /opt/bin/
# want: DO111
RUN chown -R app:app /opt
CMD ["node", "/srv/app/dist/server.js"]
