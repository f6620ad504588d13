FROM alpine
# want: DO008
MAINTAINER Jane Doe <jane@example.com>
