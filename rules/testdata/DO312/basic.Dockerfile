FROM debian:bookworm-slim
ARG MODE=777
# want: DO312
RUN chmod 777 /app
# want: DO312
RUN chmod -R 777 /var/www/html
# want: DO312
RUN chmod 0666 /etc/app.conf
# want: DO312
RUN chmod -R a+rwX /srv
# want: DO312
RUN chmod o+w,g+w /data
# want: DO312
RUN chmod u=rwx,go=rwx /opt/tool
RUN chmod 1777 /tmp && chmod 01777 /var/tmp && chmod a+rwxt /scratch
RUN chmod 755 /usr/local/bin/app && chmod -R 775 /srv && chmod g+w /data && chmod +x /entrypoint.sh
RUN chmod +w /app/cache && chmod o-w /etc/passwd && chmod go-rwx /root
RUN chmod 666 /dev/stdout && chmod 777 /proc/self/fd/1
RUN chmod "$MODE" /app && chmod --reference=/etc/hosts /etc/app
# want: DO312
RUN mkdir -p -m 777 /var/cache/app
# want: DO312
RUN install -d -m 0777 -o app /var/run/app
RUN install -d -m 0750 -o app /var/run/app
# want: DO312
RUN set -eux; \
    # a comment inside a continuation
    chmod 2777 /shared
# want: DO312
COPY --chmod=777 entrypoint.sh /entrypoint.sh
COPY --chmod=755 entrypoint.sh /entrypoint.sh
# want: DO312
ADD --chmod=o+w config.tgz /etc/app/
# want: DO312
RUN <<EOF
set -e
chmod 777 /app/uploads
EOF
# want: DO312
ONBUILD RUN chmod -R 777 /app
RUN ["chmod", "777", "/exec-form"]
