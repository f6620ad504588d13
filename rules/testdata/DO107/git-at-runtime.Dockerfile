# git that no RUN uses is for the application (corpus: jessfraz gitserver, vscode, travis)
FROM alpine:3.20
RUN apk add --no-cache git openssh
ENTRYPOINT ["/usr/sbin/sshd", "-D"]
