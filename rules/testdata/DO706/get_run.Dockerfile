FROM golang:1.23 AS tools
# want: DO706
RUN go get example.com/pkg
# want: DO706
RUN go get example.com/pkg@latest
RUN go get example.com/pkg@v1.2.3
# want: DO706
RUN go run example.com/pkg
# want: DO706
RUN go run example.com/pkg@latest
RUN go run example.com/pkg@v1.2.3 --foo bar && go run . && go run ./cmd/gen example.com/not-a-package

FROM golang:1.23 AS module
COPY go.mod go.sum ./
RUN go run github.com/golang/mock/mockgen
# want: DO706
RUN go get github.com/golang/mock/mockgen

# go run of a source file of the checked-out tree (corpus: jessfraz perkeep) is not a package
FROM golang:1.23 AS files
RUN git clone --depth 1 --branch 0.10 https://github.com/perkeep/perkeep.git /src \
	&& cd /src && go run make.go && go run gen.go tools.go
