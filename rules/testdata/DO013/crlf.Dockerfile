FROM alpine
# want: DO013
ENV DEPS curl \
    git
# want: DO013
ENV ONE 1
