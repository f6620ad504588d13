FROM python:3.12-slim
# want: DO306
RUN curl -k https://example.com/tool.tgz -o /tmp/tool.tgz
# want: DO306
RUN curl -fsSLk https://example.com/tool.tgz -o /tmp/tool.tgz
# want: DO306
RUN curl --insecure -fsSL https://example.com/a -o /tmp/a
RUN curl -fsSL -H "X-Api-Key: k" -o /tmp/k https://example.com/k
# want: DO306
RUN curl -fsSL https://example.com/a -o /tmp/a -k0 || true
# want: DO306
RUN wget --no-check-certificate https://example.com/a
# want: DO306
RUN pip install --trusted-host pypi.org --trusted-host files.pythonhosted.org -r requirements.txt
# want: DO306
RUN python3 -m pip install --trusted-host pypi.internal --index-url https://pypi.internal/simple app
# want: DO306
RUN pip config set global.trusted-host pypi.internal
# want: DO306
RUN npm config set strict-ssl false && npm ci
# want: DO306
RUN yarn config set strict-ssl false
RUN npm config set strict-ssl true
# want: DO306
RUN git config --global http.sslVerify false && git clone https://example.com/repo.git
# want: DO306
RUN git -c http.sslVerify=false clone https://example.com/repo.git
# want: DO306
RUN GIT_SSL_NO_VERIFY=1 git clone https://example.com/repo.git
# want: DO306
RUN export NODE_TLS_REJECT_UNAUTHORIZED=0 && npm install
RUN NODE_TLS_REJECT_UNAUTHORIZED=0; npm install
RUN export NODE_TLS_REJECT_UNAUTHORIZED=1
# want: DO306
RUN conda config --set ssl_verify false
# want: DO306
RUN helm repo add internal https://charts.internal --insecure-skip-tls-verify
# want: DO306
RUN echo 'Acquire::https::Verify-Peer "false";' > /etc/apt/apt.conf.d/99insecure
# want: DO306
RUN <<EOF
cat > /etc/yum.repos.d/internal.repo <<REPO
[internal]
baseurl=https://repo.internal/el9
sslverify=0
REPO
EOF
# want: DO306 DO306
RUN curl -k https://a.example.com/x -o /x \
    # a comment inside a continuation
    && wget --no-check-certificate https://b.example.com/y
# want: DO306
ONBUILD RUN curl -k https://example.com/hook -o /hook
RUN ["curl", "-k", "https://example.com/exec-form"]
