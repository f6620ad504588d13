# Stand-in for debian:bookworm-slim (about 75 MB): the minbase tree without documentation, man
# pages and translations, and dpkg told not to install them again (as the official slim images,
# /etc/dpkg/dpkg.cfg.d/docker). Flattened into one layer so the removed files take no space.
FROM dockopt/bookworm-minbase:latest AS slim
RUN set -eu; \
    printf '%s\n' \
      'path-exclude /usr/share/doc/*' \
      'path-include /usr/share/doc/*/copyright' \
      'path-exclude /usr/share/groff/*' \
      'path-exclude /usr/share/info/*' \
      'path-exclude /usr/share/linda/*' \
      'path-exclude /usr/share/lintian/*' \
      'path-exclude /usr/share/locale/*' \
      'path-include /usr/share/locale/locale.alias' \
      'path-exclude /usr/share/man/*' \
      > /etc/dpkg/dpkg.cfg.d/docker; \
    find /usr/share/doc -mindepth 1 -not -name copyright -not -type d -delete; \
    find /usr/share/doc -mindepth 1 -type d -empty -delete; \
    rm -rf /usr/share/groff/* /usr/share/info/* /usr/share/linda/* /usr/share/lintian/* /usr/share/man/*; \
    find /usr/share/locale -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +

FROM scratch
COPY --from=slim / /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["bash"]
