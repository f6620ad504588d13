# the ENTRYPOINT is a program, not an entrypoint script: it runs as root, whatever CMD names
# want: DO301
FROM nginx:1.27
ENTRYPOINT ["/usr/local/bin/sync-config"]
CMD ["nginx", "-g", "daemon off;"]
