# want: DO301
FROM redis:7
COPY start.sh /start.sh
ENTRYPOINT ["/start.sh"]
