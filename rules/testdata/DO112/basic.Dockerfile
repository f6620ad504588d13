FROM alpine:3.20 AS build
RUN echo one
# a builder stage: not reported
RUN echo two

FROM alpine:3.20
RUN mkdir -p /app/data
# want: DO112
RUN chown nobody /app/data
# a comment between does not separate them
# want: DO112
RUN echo a && echo b
# three commands: a deliberate split
RUN echo a && echo b && echo c
RUN echo d
WORKDIR /app
RUN echo e
RUN --mount=type=cache,target=/root/.cache echo f
RUN --mount=type=secret,id=token cat /run/secrets/token
RUN <<EOF
echo g
EOF
RUN echo h
RUN ["echo", "i"]
RUN echo j
ONBUILD RUN echo k
ONBUILD RUN echo l
RUN echo m \
    # continuation comment
    && echo n
# want: DO112
RUN echo o
CMD ["sh"]
