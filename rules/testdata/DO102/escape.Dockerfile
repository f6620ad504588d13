# escape=`
FROM debian:bookworm
# want: DO102
RUN apt-get update `
    && apt-get install -y --no-install-recommends curl
