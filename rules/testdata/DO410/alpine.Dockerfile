# Alpine releases, dated by the "End of support" column of https://alpinelinux.org/releases/.
# The first FROM is that of binnacle-gold/gold__162430222.Dockerfile in ../shared/corpus (the
# official php image on alpine:3.9, MIT, Jordan Henkel's binnacle dataset): Alpine 3.9 ended
# on 2020-11-01.
# want: DO410
FROM alpine:3.9 AS php
# want: DO410
FROM alpine:3.4 AS old
# want: DO410
FROM python:3.12-alpine3.9 AS suffix
FROM alpine:3.22 AS supported
FROM alpine:3.23
