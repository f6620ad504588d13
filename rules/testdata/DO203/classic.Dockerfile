# no BuildKit features used yet: not reported
FROM python:3.12-slim
RUN pip install -r requirements.txt
