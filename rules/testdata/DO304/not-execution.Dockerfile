FROM debian:bookworm
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN curl -s https://api.github.com/repos/x/y/releases/latest | python3 -c 'import json,sys; print(json.load(sys.stdin)["tag_name"])'
RUN curl -s https://api.example.com/v.json | python -m json.tool
RUN curl -s https://example.com/data.csv | bash ./import.sh
RUN wget https://example.com/install.sh | sh
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh | sh
RUN curl -fsSL -o /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
RUN awk '{print "mknod " $1}' devices.txt | sh -eux
RUN curl -s https://example.com/version | node -e 'process.stdin.pipe(process.stdout)'
RUN echo 'echo hi' | sh
RUN sh -c "$(cat /tmp/local.sh)"
RUN ["/bin/sh", "-c", "curl -fsSL https://example.com/x.sh | sh"]
