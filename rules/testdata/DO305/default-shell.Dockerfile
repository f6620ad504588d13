FROM debian:bookworm
# want: DO305
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
RUN set -o pipefail && curl -fsSL https://example.com/tool.tgz | tar -xz
RUN set -euxo pipefail; wget -qO- https://example.com/x.tgz | tar -xz
# want: DO305
RUN wget -qO- https://example.com/x.tgz | tar -xz; set -o pipefail
RUN echo "deb http://deb.debian.org/debian bookworm-backports main" | tee /etc/apt/sources.list.d/bp.list
RUN yes | ./configure && printf 'a\nb\n' | sort
# a grep at the end fails the pipe when a failing dpkg writes nothing: pipefail adds nothing
RUN apt-get update \
    # a comment inside a continuation
    && dpkg -l | grep -q curl
# want: DO305
RUN apt-get update \
    # a comment inside a continuation
    && dpkg -l | sort
# want: DO305
RUN <<EOF
set -eux
curl -fsSL https://example.com/a.tgz | tar -xz
EOF
RUN <<EOF
set -euo pipefail
curl -fsSL https://example.com/a.tgz | tar -xz
EOF
RUN ["/bin/sh", "-c", "curl -fsSL https://example.com/a | tar -xz"]
# want: DO305
RUN --mount=type=cache,target=/root/.cache ls | wc -l && echo "$(curl -s https://example.com | head -1)"
RUN { \
		echo '<FilesMatch \.php$>'; \
		echo '</FilesMatch>'; \
	} | tee /etc/apache2/conf-available/php.conf
# want: DO305
RUN { echo '# generated'; curl -fsSL https://example.com/hosts; } | tee /etc/hosts.extra
# the tail rejects empty or cut input: an upstream failure fails the pipe anyway
RUN curl -fsSL https://example.com/key.asc | apt-key add -
RUN wget -qO- https://example.com/key.asc | gpg --import
RUN grep " node-v1.tar.xz\$" SHASUMS256.txt | sha256sum -c -
RUN gpg --list-sigs --keyid-format 0xLONG "$KEY" | grep 0xA5CD6035332FA671 | grep 'Andrew Haley'
RUN dpkgArch="$(dpkg --print-architecture | awk -F- '{ print $NF }')" && apkArch="$(apk --print-arch | cut -d- -f1)"
# a download cut midway may leave lines that check or match and hide the rest
# want: DO305
RUN curl -fsSL https://example.com/SHASUMS256.txt | sha256sum -c --ignore-missing
# want: DO305
RUN curl -fsSL https://example.com/index.html | grep -o 'v[0-9.]*' > /tmp/versions
# want: DO305
RUN find /etc -name '*.conf' | grep -L secret
# want: DO305
RUN dpkg --list | awk '{ print $2 }' > /tmp/pkgs
