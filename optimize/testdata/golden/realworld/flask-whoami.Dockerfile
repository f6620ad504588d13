FROM python:3.11 AS runtime-build

LABEL maintainer="Joao Maia <joao@joaovrmaia.com>"

COPY ./app /app

WORKDIR /app

RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv POETRY_VIRTUALENVS_CREATE=false
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=cache,target=/root/.cache/pypoetry \
    useradd -r app \
    && chown -R app /app \
    && apt-get update -y \
    && apt-get dist-upgrade -y \
    && pip3 install poetry==1.3.2 \
    && poetry config virtualenvs.create false \
    && poetry install --only main \
    && rm -rf /var/lib/apt/lists/* \
    && /opt/venv/bin/python -m pip uninstall --yes pip
ENV PATH=/opt/venv/bin:$PATH

ENV VERSION=0.1.1

EXPOSE 5000

USER app

ENTRYPOINT ["gunicorn"]

CMD ["--bind", "0.0.0.0:5000", "whoami:APP"]

FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY --from=runtime-build /opt/venv /opt/venv
COPY --from=runtime-build /app /app
LABEL maintainer="Joao Maia <joao@joaovrmaia.com>"
ENV VERSION=0.1.1
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-log-init --no-create-home --shell /usr/sbin/nologin app
USER 10001:10001
EXPOSE 5000
ENTRYPOINT ["gunicorn"]
CMD ["--bind", "0.0.0.0:5000", "whoami:APP"]
