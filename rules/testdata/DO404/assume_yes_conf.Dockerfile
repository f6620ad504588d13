FROM ubuntu:24.04 AS base
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes

FROM base
RUN apt-get update && apt-get install curl

FROM ubuntu:24.04
# want: DO404
RUN apt-get update && apt-get install curl
