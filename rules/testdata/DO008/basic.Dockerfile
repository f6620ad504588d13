FROM alpine
# want: DO008
MAINTAINER Jane Doe <jane@example.com>
RUN echo hi

FROM alpine AS second
# want: DO008
MAINTAINER "Quoted Name" <q@example.com>
# want: DO008
maintainer lower@example.com
LABEL org.opencontainers.image.authors="ok@example.com"
