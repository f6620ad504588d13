FROM python:3.11
COPY . .
# want: DO108
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
