FROM python:3.12-slim
ENV PORT=8000
# want: DO506, DO506
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "-w", "4", "--max-requests", "1000"]
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--workers", "4", "--limit-max-requests", "1000", "--no-access-log", "--proxy-headers", "--forwarded-allow-ips=*"]
# want: DO506
CMD uvicorn app:app --host 0.0.0.0 --port 8000 \
    # the number of processes
    --worker 2
# want: DO506
CMD python -m uvicorn app:app --host=0.0.0.0 --max-requests=500
# want: DO506
CMD ["sh", "-c", "exec uvicorn app:app --host 0.0.0.0 --port ${PORT:-8000} --proxy-header"]
CMD uvicorn app:app $UVICORN_OPTS --port "$PORT"
# want: DO506
CMD ["uv", "run", "uvicorn", "app:app", "--host", "0.0.0.0", "--reload-dirs", "src"]
# want: DO506
CMD ["uvicorn", "app:app", "--bind", "0.0.0.0:8000"]
# want: DO506
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--wokers", "2"]
CMD ["uvicorn", "--version"]
CMD ["pip", "install", "uvicorn", "--max-requests"]
