FROM alpine:3.20
# want: DO113
ADD a.txt /a.txt
