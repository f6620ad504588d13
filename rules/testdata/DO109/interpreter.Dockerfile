# a language image: the full python image with the bare interpreter as its command
FROM python:3.12
RUN pip install --no-cache-dir ipython
CMD ["python3"]
