# Stand-in for eclipse-temurin:17-jre (about 265 MB): debian:bookworm-slim plus Debian's
# OpenJDK 17 runtime (openjdk-17-jre-headless) and the tools the official image installs (curl,
# wget, ca-certificates, fontconfig, locales, tzdata), JAVA_HOME=/opt/java/openjdk as there (a
# link to Debian's /usr/lib/jvm/java-17-openjdk-amd64). No javac, as in the official JRE image.
FROM debian:bookworm-slim
ENV JAVA_HOME=/opt/java/openjdk LANG=en_US.UTF-8 LANGUAGE=en_US:en LC_ALL=en_US.UTF-8
ENV PATH=$JAVA_HOME/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN set -eux; \
    mkdir -p /usr/share/man/man1; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
      tzdata curl wget ca-certificates fontconfig locales openjdk-17-jre-headless; \
    echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen; locale-gen en_US.UTF-8; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p /opt/java; ln -s /usr/lib/jvm/java-17-openjdk-amd64 /opt/java/openjdk; \
    java -version; ! command -v javac
ENV JAVA_VERSION=jdk-17-debian
