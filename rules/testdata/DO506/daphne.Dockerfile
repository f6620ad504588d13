FROM python:3.12-slim
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "--proxy-headers", "--application-close-timeout", "20", "project.asgi:application"]
CMD ["daphne", "--bind", "0.0.0.0", "--port", "8000", "-v", "2", "project.asgi:application"]
# want: DO506
CMD ["daphne", "--host", "0.0.0.0", "-p", "8000", "project.asgi:application"]
# want: DO506
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "--workers", "4", "project.asgi:application"]
# want: DO506
CMD daphne -b 0.0.0.0 -p 8000 --proxy project.asgi:application
