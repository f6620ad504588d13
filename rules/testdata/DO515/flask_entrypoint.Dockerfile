FROM python:3.12-slim AS base
COPY . /app
# the finding is on the program, which the stage's ENTRYPOINT names
# want: DO515
ENTRYPOINT ["python", "-m", "flask"]

FROM base
CMD ["run", "--host=0.0.0.0"]
