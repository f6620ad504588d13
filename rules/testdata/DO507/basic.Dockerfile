FROM python:3.12-slim AS dev
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--reload"]

FROM python:3.12-slim AS base
# want: DO507
CMD ["gunicorn", "--reload", "-b", "0.0.0.0:8000", "app:app"]

FROM base
# want: DO507
CMD uvicorn app:app --host 0.0.0.0 \
    --reload --reload-dir /app
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--reload-delay", "1"]
# want: DO507
CMD ["flask", "run", "--host=0.0.0.0", "--reload"]
CMD ["python", "-m", "http.server", "--reload"]
