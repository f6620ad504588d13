FROM alpine:3.20
COPY . /srv
# want: DO403
RUN cd /srv && ls
CMD ["sh"]
