from alpine
run echo a
run echo b
# want: DO004
RUN echo c
cmd ["sh"]
