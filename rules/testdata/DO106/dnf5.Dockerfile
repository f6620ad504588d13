FROM fedora:41
# dnf5's aliases are installs too
# want: DO106
RUN dnf5 up-min -y
# want: DO106
RUN dnf5 rei -y bash
RUN dnf5 rei -y bash && dnf5 clean all
