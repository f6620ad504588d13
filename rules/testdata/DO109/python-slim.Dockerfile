FROM python:3.12-slim-bookworm
CMD ["python"]
