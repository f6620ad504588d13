FROM python:3.12-slim
RUN useradd -r app
WORKDIR /app
COPY requirements.txt .
COPY . .
# want: DO111
RUN chown -R app:app .
USER app
CMD ["python", "main.py"]
