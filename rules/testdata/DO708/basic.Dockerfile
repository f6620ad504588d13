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

FROM fedora:42 AS dnf5
# dnf5 and its short subcommands
# want: DO708
RUN dnf5 in -y git && dnf5 clean all
# want: DO708
RUN dnf5 --setopt=install_weak_deps=False install -y vim-enhanced && dnf5 clean all
RUN dnf5 install -y vim-enhanced-9.1.0 && dnf5 clean all
# reinstall puts back the installed version: nothing to pin
RUN dnf5 rei -y bash && dnf5 reinstall -y curl && dnf reinstall -y tar && dnf5 clean all
RUN dnf5 up-min -y && dnf5 upgrade-minimal -y && dnf5 distro-sync -y && dnf5 clean all
