# Stand-ins for the distroless Debian 12 images (gcr.io/distroless/*-debian12, latest and nonroot),
# built from Debian bookworm packages the way the distroless project builds them: each image is
# the *unpacked* contents of a few .deb files (dpkg-deb -x: no maintainer scripts, no dpkg, no
# shell, no package manager) plus a few generated files. build.sh builds one tag per --target.
# Layout, users and entrypoints follow github.com/GoogleContainerTools/distroless:
#   common/BUILD.bazel, common/variables.bzl   /etc/passwd (root 0, nobody 65534, nonroot 65532,
#                                              all with /sbin/nologin), /etc/group (root, nobody,
#                                              tty 5, staff 50, nonroot 65532), /home/nonroot
#                                              (65532, 0700), /root (0700), /tmp (1777), os-release
#   base/base.bzl                              static = base-files, netbase, tzdata, CA bundle;
#                                              ENV PATH and SSL_CERT_FILE; nonroot tags: USER 65532,
#                                              WORKDIR /home/nonroot
#   base/, cc/                                 base = static + libc6, libssl3, openssl;
#                                              cc = base + libgcc-s1, libstdc++6, libgomp1
#   python3/python.bzl                         python3 = cc + Debian's python3.11-minimal and the
#                                              libraries listed there; /usr/bin/python and
#                                              /usr/bin/python3 -> python3.11; LANG=C.UTF-8;
#                                              ENTRYPOINT ["/usr/bin/python3.11"]
#   nodejs/BUILD, nodejs/testdata/             nodejs20 = cc + Node.js 20 in /nodejs (bin/node and
#                                              the headers; no npm, npx or corepack);
#                                              ENTRYPOINT ["/nodejs/bin/node"]
# Node.js is this machine's Node.js 20 (node.tar in the context, as for node:20); everything
# else comes from this machine's Debian mirror (apt-get download in the debs stage).

FROM debian:bookworm AS debs
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates; \
    mkdir /debs; cd /debs; \
    apt-get -o APT::Sandbox::User=root download \
      base-files netbase tzdata \
      libc6 libssl3 openssl \
      libgcc-s1 libstdc++6 libgomp1 \
      libbz2-1.0 libdb5.3 libexpat1 liblzma5 libsqlite3-0 libuuid1 libncursesw6 libtinfo6 \
      python3-distutils zlib1g libcom-err2 libcrypt1 libgssapi-krb5-2 libk5crypto3 libkeyutils1 \
      libkrb5-3 libkrb5support0 libnsl2 libreadline8 libtirpc3 libffi8 \
      libpython3.11-minimal libpython3.11-stdlib python3.11-minimal; \
    rm -rf /var/lib/apt/lists/*
# unpack DIR PACKAGE...: the data of each package into DIR, as distroless does (no scripts)
RUN printf '#!/bin/sh\nset -e\nd=$1; shift\nmkdir -p "$d"\nfor p; do dpkg-deb -x /debs/${p}_*.deb "$d"; done\n' \
      > /usr/local/bin/unpack && chmod +x /usr/local/bin/unpack

FROM debs AS static-fs
RUN set -eux; \
    unpack /rootfs base-files netbase tzdata; \
    mkdir -p /rootfs/etc/ssl/certs /rootfs/tmp /rootfs/home/nonroot /rootfs/root; \
    cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/; \
    printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' \
      'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
      'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > /rootfs/etc/passwd; \
    printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'tty:x:5:' 'staff:x:50:' 'nonroot:x:65532:' > /rootfs/etc/group; \
    printf 'hosts: files dns\nnetworks: files\npasswd: files\ngroup: files\nshadow: files\n' > /rootfs/etc/nsswitch.conf; \
    printf '%s\n' 'PRETTY_NAME="Distroless"' 'NAME="Debian GNU/Linux"' 'ID="debian"' 'VERSION_ID="12"' \
      'VERSION="Debian GNU/Linux 12 (bookworm)"' 'HOME_URL="https://github.com/GoogleContainerTools/distroless"' \
      > /rootfs/etc/os-release; \
    rm -rf /rootfs/usr/share/doc /rootfs/usr/share/man /rootfs/usr/share/lintian /rootfs/etc/init.d; \
    chmod 1777 /rootfs/tmp; chmod 0700 /rootfs/root /rootfs/home/nonroot; \
    chown 65532:65532 /rootfs/home/nonroot

FROM static-fs AS base-fs
RUN unpack /rootfs libc6 libssl3 openssl && rm -rf /rootfs/usr/share/doc /rootfs/usr/share/man /rootfs/usr/share/lintian

FROM base-fs AS cc-fs
RUN unpack /rootfs libgcc-s1 libstdc++6 libgomp1 && rm -rf /rootfs/usr/share/doc /rootfs/usr/share/man /rootfs/usr/share/lintian

FROM cc-fs AS python3-fs
RUN set -eux; \
    unpack /rootfs libbz2-1.0 libdb5.3 libexpat1 liblzma5 libsqlite3-0 libuuid1 libncursesw6 libtinfo6 \
      python3-distutils zlib1g libcom-err2 libcrypt1 libgssapi-krb5-2 libk5crypto3 libkeyutils1 \
      libkrb5-3 libkrb5support0 libnsl2 libreadline8 libtirpc3 libffi8 \
      libpython3.11-minimal libpython3.11-stdlib python3.11-minimal; \
    ln -sf python3.11 /rootfs/usr/bin/python3; ln -sf python3.11 /rootfs/usr/bin/python; \
    rm -rf /rootfs/usr/share/doc /rootfs/usr/share/man /rootfs/usr/share/lintian

FROM scratch AS node-tar
ADD node.tar /

FROM cc-fs AS nodejs20-fs
COPY --from=node-tar /usr/local/bin/node /rootfs/nodejs/bin/node
COPY --from=node-tar /usr/local/include/node /rootfs/nodejs/include/node

FROM scratch AS static
COPY --from=static-fs /rootfs /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 0

FROM static AS static-nonroot
USER 65532
WORKDIR /home/nonroot

FROM scratch AS base
COPY --from=base-fs /rootfs /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 0

FROM base AS base-nonroot
USER 65532
WORKDIR /home/nonroot

FROM scratch AS python3
COPY --from=python3-fs /rootfs /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt LANG=C.UTF-8
USER 0
ENTRYPOINT ["/usr/bin/python3.11"]

FROM python3 AS python3-nonroot
USER 65532
WORKDIR /home/nonroot

FROM scratch AS nodejs20
COPY --from=nodejs20-fs /rootfs /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 0
ENTRYPOINT ["/nodejs/bin/node"]

FROM nodejs20 AS nodejs20-nonroot
USER 65532
WORKDIR /home/nonroot
