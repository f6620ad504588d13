FROM alpine AS base
ENV XB=1
ARG XA=1
FROM base AS child
COPY $XD /
ENV XB=2
COPY $XE /
FROM child
ARG XF
COPY $XG $XF /
# want: DO022
EXPOSE 80:80/tcp 8080
