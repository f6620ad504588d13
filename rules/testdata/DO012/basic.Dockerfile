FROM alpine
# want: DO012
CMD ["a"]
CMD ["b"]
# want: DO012
ENTRYPOINT ["x"]
# want: DO012
HEALTHCHECK CMD ["true"]
ENTRYPOINT ["y"]
# want: DO012
HEALTHCHECK --interval=5s CMD ["true"]
HEALTHCHECK NONE

FROM alpine AS two
CMD ["c"]
