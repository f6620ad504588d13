# pip install of a git URL runs git
FROM python:3.12-slim
# want: DO107
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir git+https://github.com/psf/requests@v2.32.3
CMD ["python3", "-m", "app"]
