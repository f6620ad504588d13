# syntax=docker/dockerfile:1
ARG PY=3.12
FROM python:${PY}-slim AS build
# builder stages are not images anyone runs
EXPOSE 9999
RUN pip wheel -w /w .

# want: DO401
FROM python:${PY}-slim
COPY --from=build /w /w
EXPOSE 8000/tcp
CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]
