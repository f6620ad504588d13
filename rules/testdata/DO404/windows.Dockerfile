# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN choco install git; `
    Write-Host 'apt-get install curl'
