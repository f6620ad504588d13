FROM debian:bookworm
# want: DO601 DO601
# dockopt ignore=DO1O1
RUN echo the rule ID above has a letter O in it
