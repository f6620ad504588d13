ARG BASE
# BuildKit stops at the base image that only --build-arg makes valid; dockopt lints on
FROM ${BASE}
# want: DO007
CMD echo after
