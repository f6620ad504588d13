FROM debian:bookworm
# a pragma naming only unknown rules gets the "not a rule" findings alone (not also "matches no finding")
# want: DO601
# dockopt ignore=DO1O1
RUN echo the rule ID above has a letter O in it
# want: DO601 DO601
# dockopt ignore=DO9999, no-such-rule
RUN echo one finding per unknown key
# a known key next to an unknown one: the pragma may still be unused
# want: DO601 DO601
# dockopt ignore=DO1O1, DO101
RUN echo nothing for DO101 here
