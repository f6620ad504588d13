FROM python:3.12 AS build
RUN pip wheel --wheel-dir /wheels flask

FROM gcr.io/distroless/python3-debian12:nonroot
COPY --from=build /wheels /wheels
CMD ["app.py"]
