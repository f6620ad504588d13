# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
WORKDIR C:\app
ENV GOPATH=C:\gopath
WORKDIR $GOPATH
