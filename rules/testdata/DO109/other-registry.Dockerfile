FROM ghcr.io/acme/python:3.12
CMD ["python"]
