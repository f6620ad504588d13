# no CMD: a base image for others
FROM python:3.12
RUN pip install --no-cache-dir tox
