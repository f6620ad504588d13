FROM python:3.12-slim
CMD ["python", "manage.py", "runserver"]
CMD ["gunicorn", "app.wsgi"]
RUN pip install vite
