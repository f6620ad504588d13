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
// "Parse error" (-32700, id null, as JSON-RPC 2.0 asks; "Invalid Request", -32600, for JSON
// that is not a message) and the next message is read.
type stream struct {
	r   *bufio.Reader
	w   io.Writer
	c   io.Closer
	wmu sync.Mutex
	// framingErr is the first message header that could not be read (not the end of the
	// input): the connection ends there, and Serve returns it.
	framingMu  sync.Mutex
	framingErr error
}

func (s *stream) framing() error {
	s.framingMu.Lock()
	defer s.framingMu.Unlock()
	return s.framingErr
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
		err = json.Unmarshal(body, v)
		if err == nil {
			return nil
		}
		// JSON that is not a request, response or notification is an invalid request
		// (-32600); text that is not JSON at all is a parse error (-32700)
		code := int64(jsonrpc2.CodeParseError)
		if json.Valid(body) {
			code = int64(jsonrpc2.CodeInvalidRequest)
		}
		if werr := s.errorResponse(code, err); werr != nil {
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
		return nil, s.setFraming(fmt.Errorf("LSP message header: Content-Length %q is not a length", cl))
	}
	if n > maxMessageBytes {
		return nil, s.setFraming(fmt.Errorf("LSP message header: Content-Length %d is more than the %d bytes accepted", n, maxMessageBytes))
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(s.r, body); err != nil {
		return nil, err
	}
	return body, nil
}

// errorResponse answers a message that could not be read, with id null (JSON-RPC 2.0: the id
// could not be determined).
func (s *stream) setFraming(err error) error {
	s.framingMu.Lock()
	defer s.framingMu.Unlock()
	if s.framingErr == nil {
		s.framingErr = err
	}
	return err
}

func (s *stream) errorResponse(code int64, err error) error {
	what := "parse error"
	if code == jsonrpc2.CodeInvalidRequest {
		what = "invalid request"
	}
	resp := struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   *jsonrpc2.Error `json:"error"`
	}{"2.0", json.RawMessage("null"), &jsonrpc2.Error{Code: code, Message: what + ": " + err.Error()}}
	return s.WriteObject(resp)
}

func (s *stream) Close() error { return s.c.Close() }
