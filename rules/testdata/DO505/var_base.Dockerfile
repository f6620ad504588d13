ARG TARGET
FROM python:3.12 AS dev
FROM python:3.12-slim AS prod
FROM ${TARGET}
