FROM debian:bookworm
COPY bla.sh "/usr/local/bin/x"
COPY ["bla.sh", "/usr/local/bin/y"]
# want: DO408
COPY bla.sh "usr/local/bin/z"
