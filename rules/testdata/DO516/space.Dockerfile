FROM debian:bookworm-slim
# want: DO516
RUN apt-get update && \ useradd --system app
# want: DO516
RUN mkdir -p /app; \ chown app /app
RUN apt-get update && \
    useradd --system other
RUN echo a\ b && touch "/tmp/with space"
