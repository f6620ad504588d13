FROM node:22-slim
COPY package.json package-lock.json /app/
# want: DO403
RUN <<EOF
cd /app
npm ci
EOF
RUN <<EOF python3
import os
os.chdir("/app")
EOF
RUN <<'EOF' bash
set -euo pipefail
cd /tmp
EOF
