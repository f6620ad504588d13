FROM alpine AS base
# want: DO007
CMD my-server --port 80
ENTRYPOINT ["my-program"]
HEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1

FROM alpine AS withshell
SHELL ["/bin/bash", "-c"]
ENTRYPOINT my-program start

FROM withshell AS child
CMD echo inherits the SHELL of its parent stage

FROM alpine
# want: DO007
ENTRYPOINT exec my-program \
    --flag
ONBUILD CMD echo not checked

FROM alpine AS fixes
# want: DO007
CMD exec my-server --port 8080
# want: DO007
ENTRYPOINT run-it now
CMD ["--verbose"]

FROM alpine AS nofix
# want: DO007
CMD GREETING=hello printenv GREETING
# want: DO007
ENTRYPOINT source /venv/bin/activate
