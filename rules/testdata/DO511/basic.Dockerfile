FROM debian:12
# want: DO511
ENV APP_HOME=/app APP_BIN=$APP_HOME/bin
ENV APP_HOME=/app
ENV APP_BIN=${APP_HOME}/bin
# want: DO511
ENV DATA=/data PATH=$DATA/bin:$PATH
# want: DO511
ENV A=1 \
    B=${A:-x}
ENV X=1 Y=\$X Z=$XY
