FROM scratch AS s
# comment

# want: DO010
WORKDIR rel
ARG X
COPY $X $Y /
FROM s
WORKDIR rel2
ONBUILD RUN true
FROM s
COPY --from=1 / /
