FROM python:3.12-slim AS prod
CMD ["gunicorn", "app:app"]

FROM prod AS dev
CMD ["flask", "run", "--debug"]
