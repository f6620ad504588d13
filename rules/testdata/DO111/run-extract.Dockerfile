FROM debian:bookworm-slim
RUN useradd --system --uid 10001 app
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /opt/tool
# want: DO111
RUN chown -R app:app /opt/tool
RUN cd /srv && git clone https://github.com/example/site.git
# want: DO111
RUN chmod -R g+w /srv/site
RUN mkdir -p /usr/local/share/x && tar xzf /tmp/x.tgz -C /usr/local
# a subdirectory of where the archive went may hold other files: not reported
RUN chown -R app /usr/local/share/x
# the same RUN: one layer
RUN unzip /tmp/app.zip -d /app && chown -R app:app /app
# a directory nothing filled
RUN chown -R app:app /data
