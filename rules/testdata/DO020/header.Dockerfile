# syntax=docker/dockerfile:1
# This is a renovate-friendly source of Docker images.
FROM python:3.13-slim AS python
# Install runc
# want: DO020
FROM golang:1.22 AS runc
