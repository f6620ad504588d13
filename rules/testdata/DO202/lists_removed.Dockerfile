FROM debian:bookworm
# the lists are removed in the same RUN: nothing stale reaches a later RUN
RUN apt-get update && apt-cache policy curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-cache policy curl && rm -rf /var/lib/apt/lists
# want: DO202
RUN apt-get update && rm -rf /var/lib/apt/lists/partial
# want: DO202
RUN rm -rf /var/lib/apt/lists/* && apt-get update
