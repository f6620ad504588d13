FROM python:3.12-slim
WORKDIR /app
COPY . .
# without the context, what COPY . . brought is unknown
RUN rm -rf tests
CMD ["python"]
