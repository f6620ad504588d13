# escape=`
# want: DO001
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS Build
SHELL ["powershell", "-Command"]
RUN Write-Host `
    building

FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY --from=Build C:\app C:\app
