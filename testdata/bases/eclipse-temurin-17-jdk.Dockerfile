# Stand-in for eclipse-temurin:17-jdk (about 410 MB): debian:bookworm-slim plus Debian's
# OpenJDK 17 (openjdk-17-jdk-headless) and the tools the official image installs (curl, wget,
# ca-certificates, fontconfig, locales, tzdata, binutils for jlink), JAVA_HOME=/opt/java/openjdk
# as there (a link to Debian's /usr/lib/jvm/java-17-openjdk-amd64). The official image is
# Ubuntu with Adoptium's build; this one is Debian's build of the same Java 17.
FROM debian:bookworm-slim
ENV JAVA_HOME=/opt/java/openjdk LANG=en_US.UTF-8 LANGUAGE=en_US:en LC_ALL=en_US.UTF-8
ENV PATH=$JAVA_HOME/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN set -eux; \
    mkdir -p /usr/share/man/man1; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
      tzdata curl wget ca-certificates fontconfig locales binutils openjdk-17-jdk-headless; \
    echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen; locale-gen en_US.UTF-8; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p /opt/java; ln -s /usr/lib/jvm/java-17-openjdk-amd64 /opt/java/openjdk; \
    java -version; javac -version; jlink --version
ENV JAVA_VERSION=jdk-17-debian
CMD ["jshell"]
