ARG BASE=debian:bookworm
FROM ${BASE}
ARG APP_UID
# an unresolvable USER counts as non-root
USER ${APP_UID}
