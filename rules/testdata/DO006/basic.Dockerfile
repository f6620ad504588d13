# want: DO006
FROM alpine AS scratch
# want: DO006
FROM alpine AS context
FROM alpine AS build
FROM scratch
COPY --from=build /etc/os-release /
