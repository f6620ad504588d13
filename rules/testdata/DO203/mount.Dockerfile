FROM python:3.12-slim
RUN --mount=type=secret,id=netrc,target=/root/.netrc true
# want: DO203
RUN pip install --no-cache-dir -r requirements.txt
COPY --link . /app
