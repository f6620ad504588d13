# BuildKit reports InvalidDefaultArgInFrom for these invalid names, which have no variable:
# dockopt leaves them to its parse error and its other rules
FROM Scratch AS a
RUN x
FROM alpine AS builder
FROM Builder
RUN x
