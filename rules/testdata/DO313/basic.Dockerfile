FROM debian:bookworm
ARG DB_PASSWORD
# want: DO313
RUN mysql -uroot -pS3cret -e 'select 1'
RUN mysql -uroot -p -e 'select 1'
RUN mysql -uroot -p"$DB_PASSWORD" -e 'select 1'
# want: DO313
RUN mysqladmin --password=S3cret ping
# want: DO313
RUN curl -u deploy:s3cr3t -fsSLo /tmp/app.tgz https://artifacts.example.com/app.tgz
RUN curl -u "deploy:${DEPLOY_PASS}" -fsSLo /tmp/app.tgz https://artifacts.example.com/app.tgz
RUN curl -u deploy -fsSLo /tmp/app.tgz https://artifacts.example.com/app.tgz
# want: DO313
RUN git clone https://deploy:ghp_abc123@github.com/org/private.git
RUN git clone "https://x-access-token:${GITHUB_TOKEN}@github.com/org/private.git"
# want: DO313
RUN pip install --index-url https://user:pass@pypi.example.com/simple app
# want: DO313
RUN wget --http-password=hunter2 --http-user=me https://example.com/file
# want: DO313
RUN sshpass -p hunter2 scp user@host:/file /tmp/
# want: DO313
RUN docker login -u me -p hunter2 registry.example.com
# want: DO313
RUN htpasswd -bc /etc/nginx/.htpasswd admin hunter2
# want: DO313
RUN aws configure set aws_secret_access_key wJalrXUtnFEMI
# want: DO313
RUN ./deploy --api-key sk_live_abc
RUN ./deploy --api-key "$API_KEY" && ./deploy --token-file /run/secrets/token
# want: DO313
RUN GITHUB_TOKEN=ghp_abc123 ./release.sh
RUN GITHUB_TOKEN="$(cat /run/secrets/gh)" ./release.sh
# want: DO313
RUN export DB_PASSWORD=hunter2 && ./migrate
RUN export DB_PASSWORD_FILE=/run/secrets/db && ./migrate
# want: DO313
RUN echo "//registry.npmjs.org/:_authToken=npm_abc123" > /root/.npmrc
RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > /root/.npmrc
RUN psql -U app --password mydb -c 'select 1'
RUN useradd --password '$6$salt$hash' app
RUN --mount=type=secret,id=db mysql -uroot -p"$(cat /run/secrets/db)" -e 'select 1'
# want: DO313
RUN redis-cli -a hunter2 ping
# want: DO313
RUN <<EOF
set -eux
mysql -uroot -proot < /docker-entrypoint-initdb.d/schema.sql
EOF
# want: DO313
ONBUILD RUN curl -u ci:hunter2 -o /x https://example.com/x
RUN ["mysql", "-uroot", "-pS3cret"]
