FROM python:3.12-slim AS py
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# the project itself needs the sources
RUN pip install --no-cache-dir -e .
# want: DO201
RUN pip install --no-cache-dir -r requirements-dev.txt \
    # a comment in a continuation
    && pytest
RUN pip install --no-cache-dir -r requirements-test.txt

FROM node:20-slim AS web
WORKDIR /app
COPY . .
# want: DO201
RUN npm ci && npm run build
RUN npm install -g serve

FROM golang:1.22 AS go
WORKDIR /src
ADD . .
# want: DO201
RUN <<EOF
go mod download
go build -o /app .
EOF

FROM ruby:3.3-slim
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . /app
COPY --from=web /app/dist /app/public
RUN bundle exec rake assets:precompile
