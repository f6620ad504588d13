FROM rockylinux:9 AS build
# a builder stage: not reported
RUN dnf install -y gcc make

FROM fedora:40 AS final
# want: DO106
RUN dnf install -y python3
RUN dnf install -y python3 && dnf clean all
RUN dnf install -y python3 && yum clean all
# want: DO106
RUN dnf module install -y nodejs:20
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y python3
RUN --mount=type=cache,target=/var/cache/yum yum install -y python3
# want: DO106
RUN microdnf install -y tar gzip
RUN microdnf install -y tar gzip && microdnf clean all
# want: DO106
RUN zypper --non-interactive install -y curl
RUN zypper -n in curl && zypper clean -a
RUN zypper ref && zypper in -y curl && zypper cc
# want: DO106
RUN sudo yum install -y curl
# want: DO106
RUN <<EOF
dnf install -y git
EOF
RUN ["yum", "install", "-y", "git"]
# want: DO106 DO106
RUN yum install -y a && zypper install -y b
# want: DO106
ONBUILD RUN dnf install -y python3
