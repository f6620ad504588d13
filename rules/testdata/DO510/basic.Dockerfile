FROM python:3.11-slim
# want: DO510
COPY ['app.py', '/app/']
RUN [ -f /etc/os-release ] && echo ok
RUN ["echo", "ok"]
# want: DO510
ONBUILD RUN ["make",]
# want: DO510
ENTRYPOINT ['python', 'app.py']
