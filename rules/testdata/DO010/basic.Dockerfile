FROM nginx AS web
# want: DO010
WORKDIR usr/share/nginx/html
WORKDIR sub

FROM scratch AS s
# want: DO010
WORKDIR app

FROM golang:1.22 AS build
WORKDIR /src
WORKDIR cmd

FROM build AS test
WORKDIR ./pkg/

FROM scratch AS empty

FROM empty AS fromempty
# want: DO010
WORKDIR ./pkg/

FROM alpine AS vars
WORKDIR $HOME/app
ARG DIR=/opt/app
WORKDIR ${DIR}

FROM golang:1.22 AS nowd

FROM nowd AS fromnowd
# want: DO010
WORKDIR more
