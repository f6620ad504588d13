# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
CMD Write-Host `
    started
ENTRYPOINT ["powershell", "-File", "C:\\start.ps1"]
