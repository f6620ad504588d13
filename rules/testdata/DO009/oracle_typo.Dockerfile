# want: DO009
FROM --platform=$BUILDPLATFROM alpine AS typo
RUN x
