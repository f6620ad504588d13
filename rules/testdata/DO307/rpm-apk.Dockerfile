FROM rockylinux:9 AS rpm
# want: DO307
RUN dnf install -y --nogpgcheck https://example.com/tool.rpm
# want: DO307
RUN yum --setopt=gpgcheck=0 install -y tool
# want: DO307
RUN printf '[ex]\nname=ex\nbaseurl=https://repo.example.com/el9\ngpgcheck=0\n' > /etc/yum.repos.d/ex.repo
RUN printf '[ex]\nbaseurl=https://repo.example.com/el9\ngpgcheck=1\nrepo_gpgcheck=0\n' > /etc/yum.repos.d/ex.repo
# want: DO307
RUN rpm -ivh --nosignature https://example.com/tool.rpm
# want: DO307
RUN microdnf install --nogpgcheck tool
FROM opensuse/leap:15.6 AS suse
# want: DO307
RUN zypper --no-gpg-checks install -y tool
FROM alpine:3.20
# want: DO307
RUN apk add --no-cache --allow-untrusted /tmp/tool.apk
# want: DO307
ONBUILD RUN apk add --allow-untrusted /tmp/plugin.apk
RUN apk add --no-cache curl
