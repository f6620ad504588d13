FROM debian:bookworm
# want: DO307
RUN apt-get update && apt-get install -y --allow-unauthenticated ex-tool
# want: DO307
RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y ex-tool
# want: DO307
RUN apt-get update --allow-insecure-repositories
# want: DO307
RUN apt-get install -y --force-yes ex-tool
# want: DO307
RUN echo 'deb [trusted=yes] http://repo.example.com/debian bookworm main' > /etc/apt/sources.list.d/ex.list
# want: DO307
RUN echo "deb [arch=amd64 trusted=yes] https://repo.example.com bookworm main" >> /etc/apt/sources.list
RUN echo 'deb [signed-by=/usr/share/keyrings/ex.gpg] https://repo.example.com/debian bookworm main' > /etc/apt/sources.list.d/ex.list
# want: DO307
RUN echo 'APT::Get::AllowUnauthenticated "true";' > /etc/apt/apt.conf.d/99unauth
# want: DO307
RUN <<EOF
cat > /etc/apt/sources.list.d/ex.sources <<SRC
Types: deb
URIs: https://repo.example.com/debian
Suites: bookworm
Components: main
Trusted: yes
SRC
apt-get update
EOF
# want: DO307 DO307
RUN apt-get update --allow-insecure-repositories \
    # a comment inside a continuation
    && apt-get install -y --allow-unauthenticated ex-tool
RUN apt-get install -y --no-install-recommends ca-certificates
# a local repository of packages the build just made is not a download
RUN tempDir="$(mktemp -d)"; \
	echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list; \
	apt-get -o Acquire::GzipIndexes=false update
RUN ["apt-get", "install", "-y", "--allow-unauthenticated", "exec-form-is-not-parsed"]
