FROM debian:bookworm-slim
# want: DO411
RUN export PATH=/opt/app/bin:$PATH
# want: DO411
RUN mkdir -p /opt/app \
    && export APP_HOME=/opt/app
# want: DO411
RUN if [ -d /opt ]; then export X=1; fi
# want: DO411
RUN <<EOF
set -e
mkdir -p /opt/x
export X=1 Y=2
EOF
# used by the commands that follow: fine
RUN export DEBIAN_FRONTEND=noninteractive && apt-get update
RUN export GOPATH=/go; go version
RUN <<EOF
export X=1
echo "$X" > /x
EOF
RUN echo 'export X=1' >> /etc/profile.d/x.sh
ENV PATH=/opt/app/bin:$PATH
