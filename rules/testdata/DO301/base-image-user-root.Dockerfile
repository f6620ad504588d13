# an explicit last USER root is reported even in a base image (hadolint's DL3002)
FROM debian:bookworm-slim
USER app
RUN id
# want: DO301
USER root
CMD ["bash"]
