# escape=`
FROM debian:bookworm
# want: DO304
RUN curl -fsSL https://example.com/install.sh `
    | bash
# want: DO304
ONBUILD RUN curl -fsSL https://example.com/hook.sh | sh
