FROM debian:bookworm
ARG UID=1000100000
ARG SMALL=1000
# want: DO504
RUN useradd -u 1000100000 -m app
RUN useradd -l -u 1000100000 -m app2
RUN useradd --no-log-init --uid 1000100000 app3
RUN useradd -u 12345 app4
RUN useradd -lmu 123456 app5
# want: DO504
RUN groupadd -g 123456 grp && useradd --uid=123456 -g grp app6
# want: DO504
RUN useradd -u "$UID" -r \
    # system user
    app7
RUN useradd -u $SMALL app8
RUN useradd -u $NOPE app9
# want: DO504
RUN <<EOF
useradd -u123456 app10
EOF
RUN adduser -u 123456 -D app11
