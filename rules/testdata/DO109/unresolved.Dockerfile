ARG PY
FROM python:${PY}
CMD ["python"]
