FROM rockylinux:9
# want: DO107
RUN dnf install -y gcc-c++ openssl-devel && dnf clean all
# want: DO107
RUN yum groupinstall -y "Development Tools" && yum clean all
RUN dnf install -y golang && dnf clean all && dnf remove -y golang
# want: DO107
RUN zypper -n in gcc12 make && zypper clean
CMD ["/usr/local/bin/app"]
