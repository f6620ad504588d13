ARG PHP=7.4
# want: DO410
FROM golang:1.18-alpine AS build
RUN go build -o /app .

# want: DO410
FROM python:2.7-slim AS py2

# want: DO410
FROM python:3.7-slim-buster AS py37

# python 3.11 on Debian buster: the distribution is end-of-life
# want: DO410
FROM python:3.11-slim-buster AS buster

# want: DO410
FROM node:14-alpine3.12 AS node14

# want: DO410
FROM node:gallium AS node16

# want: DO410
FROM ubuntu:18.04 AS bionic

# want: DO410
FROM debian:stretch-slim AS stretch

# want: DO410
FROM mcr.microsoft.com/dotnet/aspnet:6.0 AS dotnet6

# want: DO410
FROM centos:7 AS centos

# want: DO410
FROM php:${PHP}-apache AS php

# supported releases, and names that only look like old ones
FROM python:3.12-slim-bookworm AS py312
FROM python:3.13.99-slim-bookworm AS py313
FROM node:22-alpine AS node22
FROM golang:1.26 AS go126
FROM alpine:3.22 AS alp
FROM debian:bookworm AS bookworm
FROM ubuntu:24.04 AS noble
FROM eclipse-temurin:21-jdk AS java
FROM someone/python:3.7 AS notofficial
FROM build AS stageref
FROM scratch
COPY --from=build /app /app
