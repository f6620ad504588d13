FROM python:3.12 AS build
RUN apt-get update && apt-get install -y --no-install-recommends curl

FROM python:3.12-slim
COPY --from=build /wheels /wheels
EXPOSE 8000
# want: DO402
HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8000/health || exit 1
CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]
