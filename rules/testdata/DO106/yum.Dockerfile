FROM centos:7
# want: DO106
RUN yum install -y httpd
RUN yum install -y httpd && yum clean all
RUN yum -y install httpd && rm -rf /var/cache/yum
# want: DO106
RUN yum -y update && yum -y install \
    # a comment in a continuation
    httpd \
    && echo installed
# want: DO106
RUN yum clean all && yum install -y httpd
RUN yum groupinstall -y "Development Tools" && yum clean all
# want: DO106
RUN yum --enablerepo epel install -y jq
RUN yum remove -y httpd
RUN yum clean all
