FROM ubuntu:24.04
SHELL ["/bin/bash", "-c"]
# want: DO305
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
# want: DO305
RUN   ls /etc \
      # a comment inside a continuation
      | sort \
      | uniq
# yes/head: pipefail would fail the build on SIGPIPE, so no fix
# want: DO305
RUN find / -name '*.so' | head -1 > /tmp/first
# want: DO305
ONBUILD RUN cat /etc/os-release | sort -r
SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
# a heredoc fed to another bash does not inherit SHELL's options
# want: DO305
RUN bash <<EOF
curl -fsSL https://example.com/a.tgz | tar -xz
EOF
# a heredoc with a shebang runs on its own
# want: DO305
RUN <<EOF
#!/bin/bash
curl -fsSL https://example.com/a.tgz | tar -xz
EOF
RUN <<EOF
curl -fsSL https://example.com/a.tgz | tar -xz
EOF
