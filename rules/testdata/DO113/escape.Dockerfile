# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
# want: DO113
ADD app `
    C:/app/
