FROM python:3.12-slim AS build
# a builder stage may keep its tools
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev
RUN pip wheel --wheel-dir /wheels psycopg2

FROM python:3.12-slim AS runtime-base
# want: DO107
RUN apt-get update && apt-get install -y --no-install-recommends autoconf libpq5 \
    && rm -rf /var/lib/apt/lists/*

FROM runtime-base
COPY --from=build /wheels /wheels
# want: DO107
RUN apt-get update \
    # headers for the extension
    && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 python3-dev:amd64 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir /wheels/*
# installed and purged in the same RUN
RUN apt-get update && apt-get install -y --no-install-recommends make g++ \
    && make -C /src && apt-get purge -y --auto-remove make g++ \
    && rm -rf /var/lib/apt/lists/*
# removed in a later RUN (DO110's business, not this rule's)
RUN apt-get update && apt-get install -y --no-install-recommends cmake
RUN apt-get remove -y cmake
CMD ["python", "-m", "app"]
