FROM nginx:1.27
# want: DO513
CMD ["nginx", "-g", "'daemon off;'"]

FROM python:3.12-slim AS api
# want: DO513
ENTRYPOINT ["gunicorn", "--bind='0.0.0.0:8000'", "app:app"]
# want: DO513
CMD ["sh", "-c", "'gunicorn app:app'"]

FROM debian:bookworm-slim AS tool
# want: DO513
ENTRYPOINT ["\"/usr/local/bin/tool\""]
# want: DO513
HEALTHCHECK CMD ["curl", "-f", "'http://localhost:8080/health'"]

FROM python:3.12-slim
# quotes that a program reads are fine
RUN ["python", "-c", "print('hello')"]
RUN ["sh", "-c", "echo 'hello world' && touch /x"]
RUN ["sh", "-c", "'true'"]
RUN ["node", "-e", "'use strict'"]
CMD ["nginx", "-g", "daemon off;"]
CMD ["app", "--name=it's", "--msg=\"a\" and \"b\""]
