FROM golang:1.23 AS tools
# want: DO706
RUN go install github.com/go-delve/delve/cmd/dlv@latest
RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1
# want: DO706
RUN go install -ldflags "-s -w" golang.org/x/tools/gopls
RUN go install ./cmd/... && go install std && go build -o /app .
RUN CGO_ENABLED=0 go install -trimpath example.com/tool@v0.3.0

FROM golang:1.23 AS module
COPY go.mod go.sum ./
RUN go mod download
RUN go install github.com/golang/mock/mockgen
# want: DO706
RUN go install github.com/golang/mock/mockgen@master
