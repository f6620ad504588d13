package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// rawServer serves one connection and returns the client's end, to write raw frames to; the
// server stops when the test ends.
func rawServer(t *testing.T) net.Conn {
	t.Helper()
	srvSide, cliSide := net.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = New(Options{}).Serve(ctx, srvSide)
	}()
	t.Cleanup(func() {
		cliSide.Close()
		cancel()
		<-done
	})
	_ = cliSide.SetDeadline(time.Now().Add(10 * time.Second))
	return cliSide
}

// A message whose body is not JSON gets a Parse error (-32700) and the server goes on: the
// initialize request after it is answered.
func TestMalformedMessageKeepsConnection(t *testing.T) {
	cliSide := rawServer(t)
	bad := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{` // cut short
	go fmt.Fprintf(cliSide, "Content-Length: %d\r\n\r\n%s", len(bad), bad)
	cli := newStream(cliSide)
	var resp struct {
		ID    json.RawMessage `json:"id"`
		Error *struct {
			Code int `json:"code"`
		} `json:"error"`
		Result json.RawMessage `json:"result"`
	}
	if err := cli.ReadObject(&resp); err != nil {
		t.Fatalf("no answer to the malformed message: %v", err)
	}
	if resp.Error == nil || resp.Error.Code != -32700 || string(resp.ID) != "null" {
		t.Fatalf("answer to the malformed message: id %s, error %+v; want a -32700 parse error with id null", resp.ID, resp.Error)
	}
	go func() {
		_ = cli.WriteObject(map[string]any{"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": map[string]any{}})
	}()
	resp.Error, resp.Result = nil, nil
	if err := cli.ReadObject(&resp); err != nil {
		t.Fatalf("the connection ended after the malformed message: %v", err)
	}
	if string(resp.ID) != "2" || resp.Error != nil || len(resp.Result) == 0 {
		t.Errorf("initialize after the malformed message: id %s, error %+v, result %s", resp.ID, resp.Error, resp.Result)
	}
}

// Valid JSON that is not a JSON-RPC message gets -32600 Invalid Request, not a parse error.
func TestNonMessageJSONIsInvalidRequest(t *testing.T) {
	cliSide := rawServer(t)
	go fmt.Fprintf(cliSide, "Content-Length: 2\r\n\r\n{}")
	var resp struct {
		Error *struct {
			Code int `json:"code"`
		} `json:"error"`
	}
	if err := newStream(cliSide).ReadObject(&resp); err != nil {
		t.Fatal(err)
	}
	if resp.Error == nil || resp.Error.Code != -32600 {
		t.Errorf("answer to {}: %+v, want -32600", resp.Error)
	}
}

// A header that cannot be read ends the connection, and Serve says why.
func TestBadContentLengthEndsServeWithError(t *testing.T) {
	srvSide, cliSide := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- New(Options{}).Serve(context.Background(), srvSide) }()
	go func() {
		fmt.Fprintf(cliSide, "Content-Length: abc\r\n\r\n")
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), `Content-Length "abc"`) {
			t.Errorf("Serve: %v, want the header error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop")
	}
	cliSide.Close()
}
