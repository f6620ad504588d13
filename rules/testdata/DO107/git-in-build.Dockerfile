# git used by the build and left in the image (corpus: jessfraz mutt clones vim settings)
FROM alpine:3.20
# want: DO107
RUN apk add --no-cache git mutt vim
RUN git clone --depth 1 https://github.com/altercation/vim-colors-solarized /root/.vim/bundle/solarized
CMD ["mutt"]
