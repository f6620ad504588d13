# want: DO002
FROM alpine as build
FROM alpine AS Final
COPY --from=build /x /y
