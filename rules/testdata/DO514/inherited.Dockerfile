# want: DO514
FROM --platform=$BUILDOS/$BUILDARCH debian:bookworm-slim AS base
RUN apt-get update

FROM base
CMD ["bash"]
