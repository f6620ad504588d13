# escape=`
FROM python:3.12-slim
# want: DO506
CMD ["gunicorn", "-w", "4", "-k", "uvicorn.workers.UvicornWorker", "-b", "0.0.0.0:8000", "--timeout-keep-alive", "5", "app:app"]
# want: DO506
CMD gunicorn --work 4 -b 0.0.0.0:8000 app:app
CMD ["gunicorn", "--threads=4", "--worker-connections", "100", "-b:8000", "-w4", "--access-logformat", "%(h)s \"%(r)s\"", "--max-requests", "1000", "--max-requests-jitter", "50", "app:app"]
CMD ["gunicorn", "--worker-conn", "100", "--bind=0.0.0.0:8000", "--log-level", "debug", "--graceful-timeout", "30", "--limit-request-field_size", "0", "app:app"]
# want: DO506, DO506
CMD ["gunicorn", "--host", "0.0.0.0", "--port", "8000", "app:app"]
# want: DO506
CMD ["ddtrace-run", "gunicorn", "--limit-request-field-size", "0", "-b", "0.0.0.0:8000", "app:app"]
# want: DO506
CMD exec gunicorn --max-req 100 `
    -b 0.0.0.0:8000 app:app

FROM python:3.12-slim AS split
ENTRYPOINT ["gunicorn"]
# want: DO506
CMD ["--bind", "0.0.0.0:8000", "--limit-max-requests", "100", "app:app"]

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
CMD uvicorn app:app --max-requests 5
# want: DO506
CMD ["uvicorn.exe", "app:app", "--max-requests", "5"]
