# escape=`
FROM alpine:3.20
RUN adduser -D app `
    && echo done
# an ONBUILD USER applies to child images, not this one
ONBUILD USER root
USER app
