FROM debian:bookworm-slim
RUN useradd --system app
USER app
RUN id
# want: DO301
USER root
CMD ["sleep", "infinity"]
