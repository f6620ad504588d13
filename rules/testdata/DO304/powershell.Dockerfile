FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN iwr https://example.com/install.ps1 -UseBasicParsing | iex
RUN curl.exe -fsSL https://example.com/x.sh | sh
