FROM fedora:41
# want: DO708
RUN dnf install -y httpd mod_ssl-2.4.62 && dnf clean all
RUN dnf install -y httpd-2.4.62 ./local.rpm https://example.com/x-1.0.rpm @development-tools && dnf clean all
RUN dnf module install -y nodejs:20 && dnf upgrade -y && dnf clean all
# want: DO708
RUN microdnf install -y tar && microdnf clean all
RUN dnf install -y "$PKGS" && dnf clean all

FROM centos:7 AS yum
# want: DO708
RUN yum install -y epel-release && yum clean all && rm -rf /var/cache/yum
RUN yum install -y epel-release-7 && yum clean all && rm -rf /var/cache/yum
RUN yum groupinstall -y "Development Tools" && yum clean all && rm -rf /var/cache/yum

FROM opensuse/leap:15.6 AS suse
# want: DO708
RUN zypper install -y curl && zypper clean --all
RUN zypper install -y curl=8.6.0 "git>=2.43" && zypper clean --all
