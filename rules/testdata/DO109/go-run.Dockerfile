FROM golang:1.22
COPY . .
CMD ["go", "run", "."]
