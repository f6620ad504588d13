# check=skip=UndefinedVar,StageNameCasing
FROM alpine AS Builder
COPY $X /
# want: DO004
maintainer me
# want: DO004
from alpine as other
# want: DO004
run echo
CMD bad form
