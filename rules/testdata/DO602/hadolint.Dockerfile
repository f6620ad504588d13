# The cases of hadolint's DL3048 tests (hadolint/hadolint, test/Hadolint/Rule/DL3048Spec.hs),
# ONBUILD included, and two labels of jessfraz-dockerfiles/couchpotato__Dockerfile in
# ../shared/corpus (MIT, Jess Frazelle).
FROM alpine:3.20
# want: DO602
LABEL io.docker.label="foo"
# want: DO602
LABEL org.dockerproject.label="foo"
# want: DO602
LABEL -invalid="foo"
# want: DO602
LABEL 1invalid="foo"
# want: DO602
LABEL invalid--character="foo"
# want: DO602
ONBUILD LABEL com.docker.label="foo"
# want: DO602
ONBUILD LABEL .invalid="foo"
LABEL org.valid-key.label3="foo" validlabel="foo"
ONBUILD LABEL org.opencontainers.image.vendor="foo"
# want: DO602
LABEL "registry_image"="r.j3ss.co/couchpotato"
# want: DO602
LABEL "docker_run_flags"="-d \
	--restart always \
	-p 5050:5050"
