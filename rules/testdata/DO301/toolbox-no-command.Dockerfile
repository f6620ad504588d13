# a base image with no command of its own (buildpack-deps:scm, corpus: binnacle-gold)
FROM buildpack-deps:bookworm-curl
RUN apt-get update && apt-get install -y --no-install-recommends git mercurial openssh-client \
	&& rm -rf /var/lib/apt/lists/*
