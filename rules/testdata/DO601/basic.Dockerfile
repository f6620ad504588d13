FROM debian:bookworm
# want: DO601
# dockopt ignore=DO101 -- the install below does need recommends
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# dockopt ignore=DO101 -- used: this one suppresses a finding
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
# hadolint ignore=DL9999
RUN echo hadolint pragmas are never reported
