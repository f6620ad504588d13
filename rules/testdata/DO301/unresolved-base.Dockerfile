ARG BASE_IMAGE
# the base image is unknown: it may set a non-root user
FROM ${BASE_IMAGE}
CMD ["run"]
