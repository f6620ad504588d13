FROM python:3.12-slim
RUN pip install flask
# want: DO110
RUN pip cache purge
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl
# want: DO110
RUN rm -rf /var/lib/apt/lists/* \
    /tmp/*
RUN yum install -y tar
# want: DO110
RUN yum clean all
RUN npm ci
# comments in between stay where they are
# want: DO110
RUN npm cache clean --force
CMD ["python"]
