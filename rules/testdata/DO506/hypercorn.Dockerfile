FROM python:3.12-slim
CMD ["hypercorn", "app:app", "-b", "0.0.0.0:8000", "-w", "2", "-k", "uvloop", "--keep-alive", "5", "--access-logfile", "-", "--graceful-timeout", "10"]
CMD ["hypercorn", "--bind=0.0.0.0:8000", "--insecure-bind", "0.0.0.0:8080", "--root-path", "/api", "--workers", "4", "app:app"]
# want: DO506
CMD ["hypercorn", "app:app", "-b", "0.0.0.0:8000", "--timeout-keep-alive", "5"]
# want: DO506, DO506
CMD ["hypercorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
# want: DO506
CMD hypercorn --work 2 -b 0.0.0.0:8000 app:app
# want: DO506
CMD ["hypercorn", "--access-logf", "-", "-b", "0.0.0.0:8000", "app:app"]
