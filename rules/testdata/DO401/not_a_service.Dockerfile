FROM python:3.12-slim AS web
EXPOSE 8000
CMD ["uvicorn", "app:app"]

FROM node:22-slim
COPY cli.js /cli.js
ENTRYPOINT ["node", "/cli.js"]
CMD ["python", "-c", "print(\"uvicorn --host 0.0.0.0\")"]
ONBUILD EXPOSE 80
