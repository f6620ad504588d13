# escape=`
# want: DO308
FROM mcr.microsoft.com/windows/nanoserver
RUN echo `
    hello
