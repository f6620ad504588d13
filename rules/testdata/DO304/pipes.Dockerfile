FROM debian:bookworm
# want: DO304
RUN curl -sL https://deb.nodesource.com/setup_20.x | bash -
# want: DO304
RUN curl -fsSL https://sh.rustup.rs | sh -s -- -y
# want: DO304
RUN wget -qO- https://get.example.com/install.sh | sudo -E bash
# want: DO304
RUN wget -O - https://get.example.com/install.sh | sh
# want: DO304
RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer
# want: DO304
RUN curl -fsSL https://bootstrap.pypa.io/get-pip.py | python3 -
# want: DO304
RUN set -eux; \
    # a comment inside a continuation
    curl -fsSL https://example.com/tool.sh.gz \
      | gunzip \
      | tee /tmp/tool.sh \
      | bash /dev/stdin --prefix=/usr/local
# want: DO304
RUN curl -L https://example.com/x.sh | busybox sh
