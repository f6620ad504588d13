FROM python:3.12-slim
COPY . /app
# want: DO515
CMD python manage.py runserver 0.0.0.0:8000
