# A module installed without a stream gets the release's default stream, which changes between
# releases (hadolint's DL3033 and DL3041 report it too); name:stream pins the stream.
FROM rockylinux:8 AS modules
# want: DO708
RUN dnf module install -y nodejs && dnf clean all
# want: DO708
RUN yum module install -y php && yum clean all
RUN dnf module install -y nodejs:20/common && dnf clean all
RUN dnf module enable -y nodejs:20 && dnf install -y nodejs-20.11.1 && dnf clean all
# groups have no version
RUN dnf group install -y "Development Tools" && dnf clean all

# binnacle-gold/gold__444387208.Dockerfile of ../shared/corpus (the official openjdk image on
# Oracle Linux 7, MIT, Jordan Henkel's binnacle dataset): gzip, tar, freetype, fontconfig
FROM oraclelinux:7-slim
# want: DO708
RUN set -eux; \
	yum install -y \
		gzip \
		tar \
		\
		freetype fontconfig \
	; \
	rm -rf /var/cache/yum
