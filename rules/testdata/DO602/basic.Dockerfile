FROM debian:bookworm
ARG KEY=x
LABEL org.opencontainers.image.source="https://example.com/x" version=1.0 com.example.v2="a"
# want: DO602
LABEL Maintainer="ops@example.com"
# want: DO602
LABEL build_date="2024-06-01"
# want: DO602
LABEL com.docker.compose.project=x
# want: DO602
LABEL "org..double"=x
LABEL ${KEY}=y
