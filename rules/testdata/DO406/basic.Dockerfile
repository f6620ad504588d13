FROM fedora:40
# want: DO406
RUN dnf install python3 && dnf clean all
RUN dnf install -y python3 && dnf -y install git && dnf --assumeyes install make
# want: DO406
RUN dnf --setopt=install_weak_deps=False group install "Development Tools"
RUN dnf group list && dnf makecache && dnf check-update
# want: DO406
RUN microdnf update

FROM centos:7
# want: DO406
RUN yum install \
    # the web server
    httpd
RUN yum -y install httpd && yum clean all

FROM opensuse/leap:15.6
# want: DO406
RUN zypper install curl
RUN zypper -n install curl && zypper --non-interactive in git && zypper in -y make
RUN zypper refresh && zypper search curl
# want: DO406
RUN zypper --gpg-auto-import-keys dup
RUN zypper $ZYPPER_OPTS install curl
