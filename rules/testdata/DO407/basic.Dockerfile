FROM debian:12
# want: DO407
RUN ln -sf /bin/bash /bin/sh
# want: DO407
RUN apt-get update && ln --symbolic bash /bin/sh/
RUN ln -s /usr/bin/python3 /usr/bin/python
RUN ln /bin/bash /usr/local/bin/mysh
SHELL ["/bin/bash", "-c"]
