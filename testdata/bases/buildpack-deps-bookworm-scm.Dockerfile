# Stand-in for buildpack-deps:bookworm-scm: plus version control tools and procps.
FROM buildpack-deps:bookworm-curl
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends git mercurial openssh-client subversion procps; \
    rm -rf /var/lib/apt/lists/*
