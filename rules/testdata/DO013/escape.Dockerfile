# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
# want: DO013
ENV APP_HOME C:\app
# want: DO013
ENV MULTI `
    a `
    b
RUN Write-Host $env:APP_HOME
