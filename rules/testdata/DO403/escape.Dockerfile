# escape=`
FROM debian:bookworm AS build
    COPY . /app
    # want: DO403
    RUN cd /app && `
        make

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN cd C:\app; dotnet build
