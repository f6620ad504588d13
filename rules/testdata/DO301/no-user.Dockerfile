# want: DO301
FROM python:3.12-slim
RUN pip install --no-cache-dir flask
COPY . /app
CMD ["python", "/app/main.py"]
