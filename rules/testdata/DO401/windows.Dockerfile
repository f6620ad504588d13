# escape=`
# want: DO401
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Write-Host 'uvicorn'; `
    New-Item -ItemType Directory C:\app
EXPOSE 80
