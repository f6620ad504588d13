# BuildKit reports InvalidDefaultArgInFrom for these names, which have no variable: a stage
# named in another letter case builds (stage names are case-insensitive), so dockopt does not
FROM Scratch AS a
RUN x
FROM alpine AS builder
FROM Builder
RUN x
