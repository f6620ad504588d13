# the interpreter runs a program: an application image, whose compilers are left behind
FROM python:3.12-slim
# want: DO107
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
	&& rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir psycopg2
CMD ["python3", "app.py"]
