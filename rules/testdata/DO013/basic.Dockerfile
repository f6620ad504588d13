FROM alpine
# want: DO013
ENV PYTHONDONTWRITEBYTECODE 1
# want: DO013
ENV DEPS curl git  make
# want: DO013
ENV MULTI \
    curl \
    git
# want: DO013
LABEL maintainer "Jane <j@example.com>"
ENV OK=1 ALSO="x y"
ARG foo bar
# want: DO013
ENV WITHQUOTES "a b" c
# want: DO013
ENV CROSSED \
# a comment between the key and the value
    value
# want: DO013
ENV NEXTLINE \
    value
# want: DO013
ENV VAR $HOME/bin
ONBUILD ENV LATER value
RUN <<EOF
ENV NOT_AN_INSTRUCTION here
EOF
# want: DO013
ENV GPG_KEYS \
# pub   rsa4096 2016-03-30 [SC]
	A035C8C19219BA821ECEA86B64E628F8D684696D \
# uid   Someone <someone@example.com>
	0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D
