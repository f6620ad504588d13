FROM alpine:3.20
ARG APP_USER=app
COPY app /opt/app
# want: DO111
RUN chown -R "$APP_USER" /opt/app
# want: DO111
RUN <<EOF
chown -R app /opt/app
EOF
CMD ["/opt/app/run"]
ENV APP_HOME=/opt/app
# want: DO111
RUN chmod -R 755 "$APP_HOME"
RUN chown -R app "$(dirname /x)"
