FROM alpine
# want: DO004
Run echo hello > /greeting.txt
RUN echo ok
# want: DO004
EntryPoint ["cat", "/greeting.txt"]
ONBUILD RUN echo later
