ARG PY=3.12
# want: DO109
FROM python:${PY}
COPY . /app
CMD ["python", "/app/main.py"]
