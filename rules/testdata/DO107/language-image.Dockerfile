# the official ruby image (corpus: binnacle-gold ruby alpine): CMD is the bare interpreter, the
# image is a base for others and keeps -dev packages so that gems can build native extensions
FROM alpine:3.20
RUN apk add --no-cache --virtual .ruby-rundeps bzip2 ca-certificates libffi-dev procps yaml-dev zlib-dev
CMD ["irb"]
