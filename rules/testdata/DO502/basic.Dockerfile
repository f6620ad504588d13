FROM node:22-slim
ARG APP=/srv/app
ENV DEST=/opt/x/
WORKDIR /app
# want: DO502
COPY package.json package-lock.json /app
COPY package.json package-lock.json ./
COPY package.json package-lock.json .
COPY package.json /app
COPY a b /app/
# want: DO502
ADD a.tar.gz b.tar.gz /opt
# want: DO502
COPY ["a b.txt", "c.txt", "/data"]
COPY ["a", "b", "/data/"]
# want: DO502
COPY --chown=node:node a \
    # a comment inside the continuation
    b \
    $APP
COPY a b $DEST
COPY a b $UNKNOWN
# want: DO502
COPY <<EOF1 <<EOF2 /etc/app
one
EOF1
two
EOF2
COPY <<EOF /etc/app/conf
single
EOF
ONBUILD COPY a b /x
