package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"
)

// maxMessageBytes bounds one message's Content-Length: a larger one is refused and the
// connection closed (its body cannot be skipped safely without reading it all).
const maxMessageBytes = 64 << 20

// stream is the LSP base protocol (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#baseProtocol):
// messages framed by a Content-Length header. Unlike jsonrpc2's own codec, a message whose body
// is not JSON does not end the connection: the body is read whole, the client gets a JSON-RPC
// "Parse error" (-32700, id null, as JSON-RPC 2.0 asks) and the next message is read.
type stream struct {
	r   *bufio.Reader
	w   io.Writer
	c   io.Closer
	wmu sync.Mutex
}

func newStream(rwc io.ReadWriteCloser) *stream {
	return &stream{r: bufio.NewReader(rwc), w: rwc, c: rwc}
}

func (s *stream) WriteObject(obj any) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	_, err = s.w.Write(data)
	return err
}

func (s *stream) ReadObject(v any) error {
	for {
		body, err := s.readBody()
		if err != nil {
			return err
		}
		if err := json.Unmarshal(body, v); err == nil {
			return nil
		} else if werr := s.parseError(err); werr != nil {
			return werr
		}
	}
}

// readBody reads one message's header and its body.
func (s *stream) readBody() ([]byte, error) {
	hdr, err := textproto.NewReader(s.r).ReadMIMEHeader()
	if err != nil {
		return nil, err
	}
	cl := hdr.Get("Content-Length")
	n, err := strconv.Atoi(strings.TrimSpace(cl))
	if err != nil || n < 0 {
		return nil, fmt.Errorf("LSP message header: Content-Length %q is not a length", cl)
	}
	if n > maxMessageBytes {
		return nil, fmt.Errorf("LSP message header: Content-Length %d is more than the %d bytes accepted", n, maxMessageBytes)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(s.r, body); err != nil {
		return nil, err
	}
	return body, nil
}

func (s *stream) parseError(err error) error {
	id := json.RawMessage("null")
	resp := struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   *jsonrpc2.Error `json:"error"`
	}{"2.0", id, &jsonrpc2.Error{Code: jsonrpc2.CodeParseError, Message: "parse error: " + err.Error()}}
	return s.WriteObject(resp)
}

func (s *stream) Close() error { return s.c.Close() }
