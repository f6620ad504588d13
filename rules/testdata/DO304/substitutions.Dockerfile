FROM debian:bookworm
# want: DO304
RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
# want: DO304
RUN bash -c "$(wget -O- https://example.com/install.sh)" -- --unattended
# want: DO304
RUN bash <(curl -s https://example.com/install.sh)
# want: DO304
RUN python3 -c "$(curl -fsSL https://example.com/install.py)"
# want: DO304
RUN eval "$(curl -fsSL https://example.com/env.sh)"
# want: DO304
RUN . <(curl -s https://example.com/env.sh)
RUN VERSION="$(curl -fsSL https://example.com/version)" && echo "$VERSION"
RUN bash ./build.sh "$(curl -s https://example.com/version)"
# want: DO304
RUN <<EOF
set -eux
curl -fsSL https://example.com/install.sh | bash
EOF
# want: DO304
RUN <<EOF bash
curl -fsSL https://example.com/install.sh | sh
EOF
