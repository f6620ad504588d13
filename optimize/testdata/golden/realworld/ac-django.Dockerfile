FROM --platform=$BUILDPLATFORM python:3.11-slim AS builder
EXPOSE 8000
WORKDIR /app 
COPY requirements.txt /app
RUN pip3 install -r requirements.txt --no-cache-dir
COPY . /app 
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-log-init --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /app \
    && chown 10001:10001 /app
USER 10001:10001
ENTRYPOINT ["python3"] 
CMD ["manage.py", "runserver", "0.0.0.0:8000"]

FROM builder AS dev-envs
USER root
RUN <<EOF
apk update
apk add git
EOF

RUN <<EOF
addgroup -S docker
adduser -S --shell /bin/bash --ingroup docker vscode
EOF
# install Docker tools (cli, buildx, compose)
COPY --from=gloursdocker/docker / /
CMD ["manage.py", "runserver", "0.0.0.0:8000"]
