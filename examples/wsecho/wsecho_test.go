package wsecho

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// frame encodes one unmasked server frame.
func frame(fin bool, opcode byte, payload []byte) []byte {
	b0 := opcode
	if fin {
		b0 |= 0x80
	}
	out := []byte{b0}
	switch n := len(payload); {
	case n <= 125:
		out = append(out, byte(n))
	case n <= 0xFFFF:
		out = append(out, 126)
		out = binary.BigEndian.AppendUint16(out, uint16(n))
	default:
		out = append(out, 127)
		out = binary.BigEndian.AppendUint64(out, uint64(n))
	}
	return append(out, payload...)
}

// server upgrades the connection, reads one client frame (checking that it is
// masked) and answers with reply(payload) written verbatim.
func server(t *testing.T, reply func(payload []byte) []byte) *httptest.Server {
	t.Helper()
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/ws" || r.Header.Get("Sec-WebSocket-Version") != "13" {
			http.Error(w, "not a websocket endpoint", http.StatusNotFound)
			return
		}
		sum := sha1.Sum([]byte(r.Header.Get("Sec-WebSocket-Key") + acceptGUID))
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
			"Sec-WebSocket-Accept: " + base64.StdEncoding.EncodeToString(sum[:]) + "\r\n\r\n")
		rw.Flush()
		peek, _ := rw.Reader.Peek(2)
		if len(peek) == 2 && peek[1]&0x80 == 0 {
			t.Error("client frame is not masked")
		}
		_, _, payload, err := readFrame(rw.Reader)
		if err != nil {
			t.Error(err)
			return
		}
		rw.Write(reply(payload))
		rw.Flush()
		// wait for the client's close frame (or EOF)
		readFrame(bufio.NewReader(rw))
	}))
}

func wsURL(s *httptest.Server) string { return "ws" + strings.TrimPrefix(s.URL, "http") + "/ws" }

func TestRoundTripEcho(t *testing.T) {
	for _, msg := range []string{"hello", strings.Repeat("x", 126), strings.Repeat("y", 70000), ""} {
		srv := server(t, func(p []byte) []byte { return frame(true, opText, p) })
		got, err := RoundTrip(context.Background(), wsURL(srv), msg)
		srv.Close()
		if err != nil || got != msg {
			t.Fatalf("RoundTrip(%d bytes) = %d bytes, %v", len(msg), len(got), err)
		}
	}
}

func TestPingAndFragments(t *testing.T) {
	srv := server(t, func(p []byte) []byte {
		out := frame(true, opPing, []byte("are you there"))
		out = append(out, frame(false, opText, p[:2])...)
		out = append(out, frame(true, opPong, nil)...) // control frames may interleave
		return append(out, frame(true, opContinuation, p[2:])...)
	})
	defer srv.Close()
	got, err := RoundTrip(context.Background(), wsURL(srv), "fragmented")
	if err != nil || got != "fragmented" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestErrors(t *testing.T) {
	closing := server(t, func([]byte) []byte { return frame(true, opClose, []byte{0x03, 0xF3}) })
	defer closing.Close()
	if _, err := RoundTrip(context.Background(), wsURL(closing), "x"); err == nil || !strings.Contains(err.Error(), "1011") {
		t.Errorf("close frame: err = %v", err)
	}

	notWS := httptest.NewServer(http.NotFoundHandler())
	defer notWS.Close()
	if _, err := RoundTrip(context.Background(), wsURL(notWS), "x"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("plain HTTP endpoint: err = %v", err)
	}

	if _, err := RoundTrip(context.Background(), "http://127.0.0.1:1/ws", "x"); err == nil {
		t.Error("http:// scheme accepted")
	}

	silent := server(t, func([]byte) []byte { time.Sleep(2 * time.Second); return nil })
	defer silent.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := RoundTrip(ctx, wsURL(silent), "x"); err == nil || time.Since(start) > time.Second {
		t.Errorf("timeout: err = %v after %v", err, time.Since(start))
	}
}
