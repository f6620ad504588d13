FROM debian:bookworm
# the pipe is an if condition (the official mysql image): its status picks a branch
RUN set -eux; \
	if apt-cache show 'default-libmysqlclient-dev' 2>/dev/null | grep -q '^Version:'; then \
		echo 'default-libmysqlclient-dev'; \
	elif dpkg -l | grep -q mariadb; then \
		echo mariadb; \
	fi
RUN while ! pg_isready -h db | grep -q accepting; do sleep 1; done
RUN until curl -fs http://localhost:8080/health | grep -q ok; do sleep 1; done
# want: DO305
RUN if [ -n "$URL" ]; then curl -fsSL "$URL" | tar -xz -C /opt; fi
# the condition is exempt, a pipe in the branch is not
# want: DO305
RUN if command -v gpg | grep -q gpg; then gpg --export "$KEY" | tar -x; fi
