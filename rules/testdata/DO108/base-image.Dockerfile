# no CMD or ENTRYPOINT: a build environment for others
FROM golang:1.22
RUN go install golang.org/x/tools/gopls@latest
