FROM debian:bookworm
# want: DO305
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
RUN set -o pipefail && curl -fsSL https://example.com/tool.tgz | tar -xz
RUN set -euxo pipefail; wget -qO- https://example.com/x.tgz | tar -xz
# want: DO305
RUN wget -qO- https://example.com/x.tgz | tar -xz; set -o pipefail
RUN echo "deb http://deb.debian.org/debian bookworm-backports main" | tee /etc/apt/sources.list.d/bp.list
RUN yes | ./configure && printf 'a\nb\n' | sort
# want: DO305
RUN apt-get update \
    # a comment inside a continuation
    && dpkg -l | grep -q curl
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
