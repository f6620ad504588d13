FROM python:3.12-slim AS uv
ARG BIND=127.0.0.1
# want: DO508
CMD ["uvicorn", "app:app", "--port", "8000"]
# want: DO508
CMD ["uvicorn", "app:app", "--host", "127.0.0.1"]
# want: DO508
CMD uvicorn app:app --host=localhost
CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]
CMD ["uvicorn", "app:app", "--host", "::"]
CMD ["uvicorn", "app:app", "--uds", "/run/app.sock"]
CMD uvicorn app:app $OPTS
# want: DO508
CMD ["python", "-m", "uvicorn", "app:app", "--host", "${BIND}"]
CMD ["sh", "-c", "uvicorn app:app --host ${HOST:-0.0.0.0}"]

FROM python:3.12-slim AS env
ENV UVICORN_HOST=0.0.0.0
CMD ["uvicorn", "app:app"]

FROM python:3.12-slim AS open
ENTRYPOINT ["uvicorn"]

FROM python:3.12-slim AS paired
ENTRYPOINT ["uvicorn"]
CMD ["app:app", "--host", "0.0.0.0"]

FROM python:3.12-slim AS gu
# want: DO508
CMD ["gunicorn", "-b", "127.0.0.1:8000", "app:app"]
# want: DO508
CMD ["gunicorn", "-b127.0.0.1:8000", "app:app"]
CMD ["gunicorn", "-b", "127.0.0.1:8000", "-b", "0.0.0.0:8000", "app:app"]
CMD ["gunicorn", "--bind", "[::]:8000", "app:app"]
CMD ["gunicorn", "app:app"]

FROM python:3.12-slim AS fl
# want: DO508
CMD ["flask", "--app", "app", "run"]
CMD ["flask", "run", "--host=0.0.0.0"]
# want: DO508
CMD ["python", "-m", "flask", "run", "-h", "127.0.0.1"]

FROM python:3.12-slim AS dj
# want: DO508
CMD ["python", "manage.py", "runserver"]
# want: DO508
CMD ["python", "manage.py", "runserver", "8000"]
# want: DO508
CMD python manage.py runserver localhost:8000
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
CMD ["python", "manage.py", "migrate"]

FROM node:22-slim
CMD ["node", "server.js"]

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
CMD uvicorn app:app

FROM python:3.12-slim AS hyper
# want: DO508
CMD ["hypercorn", "app:app"]
# want: DO508
CMD ["hypercorn", "-b", "127.0.0.1:8000", "app:app"]
CMD ["hypercorn", "-b", "0.0.0.0:8000", "app:app"]
CMD ["hypercorn", "-b", "127.0.0.1:8000", "--bind", "[::]:8000", "app:app"]
CMD ["hypercorn", "--config", "hypercorn.toml", "app:app"]
CMD ["hypercorn", "-b", "unix:/run/app.sock", "app:app"]

FROM python:3.12-slim AS daph
# want: DO508
CMD ["daphne", "project.asgi:application"]
# want: DO508
CMD ["daphne", "-p", "8000", "project.asgi:application"]
# want: DO508
CMD ["daphne", "-b", "localhost", "-p", "8000", "project.asgi:application"]
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "project.asgi:application"]
CMD ["daphne", "-u", "/run/daphne.sock", "project.asgi:application"]
CMD ["daphne", "-e", "ssl:443:privateKey=key.pem:certKey=crt.pem", "project.asgi:application"]
