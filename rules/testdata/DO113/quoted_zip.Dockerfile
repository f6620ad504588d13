FROM debian:bookworm
WORKDIR /opt
ADD "file.tgz" /opt/
ADD "http://example.com/x.tar.gz" /opt/
# ADD never extracts a zip: it only copies it
# want: DO113
ADD file.zip /dst/
# want: DO113
ADD "app.py" /opt/
