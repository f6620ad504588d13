FROM fedora:41
# dnf is dnf5 on Fedora 41 and later: its cache is /var/cache/libdnf5
RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y gcc-14.2.1
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y make-4.4.1
# microdnf's clean empties its own cache, not dnf's
# want: DO106
RUN dnf install -y tar-1.35 && microdnf clean all
RUN dnf install -y tar-1.35 && dnf clean all
RUN yum install -y tar-1.35 && dnf clean all && rm -rf /var/cache/yum
