FROM python:3.12-slim
# want: DO507
CMD ["hypercorn", "--reload", "-b", "0.0.0.0:8000", "app:app"]
