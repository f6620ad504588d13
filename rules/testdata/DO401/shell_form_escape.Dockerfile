# escape=`
# want: DO401
FROM python:3.12-slim
RUN pip install gunicorn `
    # a comment inside the continuation
    flask
CMD exec gunicorn -b 0.0.0.0:8000 `
    app:app
