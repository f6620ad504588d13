# an ENTRYPOINT that is the program (not an entrypoint script) makes CMD its arguments
FROM alpine:3.20
# want: DO107
RUN apk add --no-cache build-base python3 python3-dev py3-pip && pip3 install --break-system-packages gcalcli
ENTRYPOINT ["gcalcli"]
CMD ["bash"]
