# an ONBUILD template: the child build runs npm install, which may compile native modules
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3 nodejs npm \
	&& rm -rf /var/lib/apt/lists/*
ONBUILD COPY . /app
ONBUILD RUN cd /app && npm install
CMD ["npm", "start"]
