ARG BASE=debian:bookworm
FROM ${BASE} AS build
# a builder stage: its layers do not reach the image
RUN apt-get update && apt-get install -y --no-install-recommends gcc make
RUN make

FROM debian:bookworm AS base
# the final stage is built FROM this one: its layers are in the image
# want: DO102
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates

FROM debian:bookworm AS unused
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates

FROM base
COPY --from=build /out /usr/local/bin/
COPY --from=0 /out /usr/local/bin/
# want: DO102
RUN apt-get update && apt-get install -y --no-install-recommends tini
