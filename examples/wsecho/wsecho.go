// Package wsecho is a minimal WebSocket client (RFC 6455) for probing echo
// endpoints such as examples/forecastin-api's /ws, using only the standard
// library: it sends one message and returns the first data message received.
//
// It is deliberately small: no extensions, no subprotocols, client side only.
// Pings are answered while waiting; a close frame from the server is an error.
package wsecho

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"crypto/tls"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The opcodes of RFC 6455 section 5.2.
const (
	opContinuation = 0x0
	opText         = 0x1
	opBinary       = 0x2
	opClose        = 0x8
	opPing         = 0x9
	opPong         = 0xA
)

const acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// maxMessageBytes bounds what RoundTrip reads back.
const maxMessageBytes = 16 << 20

// RoundTrip connects to rawURL (ws:// or wss://), sends message as one text
// frame, and returns the payload of the first text or binary message the
// server sends back. The context bounds the whole exchange; without a
// deadline a 10 second limit applies.
func RoundTrip(ctx context.Context, rawURL, message string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	host := u.Host
	if u.Port() == "" {
		switch u.Scheme {
		case "ws":
			host = net.JoinHostPort(u.Hostname(), "80")
		case "wss":
			host = net.JoinHostPort(u.Hostname(), "443")
		}
	}
	if u.Scheme != "ws" && u.Scheme != "wss" {
		return "", fmt.Errorf("wsecho: unsupported scheme %q in %s", u.Scheme, rawURL)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
	}

	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", host)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if u.Scheme == "wss" {
		tc := tls.Client(conn, &tls.Config{ServerName: u.Hostname()})
		if err := tc.HandshakeContext(ctx); err != nil {
			return "", err
		}
		conn = tc
	}
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	br := bufio.NewReader(conn)
	if err := handshake(conn, br, u); err != nil {
		return "", err
	}
	if err := writeFrame(conn, opText, []byte(message)); err != nil {
		return "", err
	}
	reply, err := readMessage(conn, br)
	if err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("wsecho: %w", ctx.Err())
		}
		return "", err
	}
	// A polite close; the answer is already in hand, so errors are ignored.
	_ = writeFrame(conn, opClose, []byte{0x03, 0xE8})
	return string(reply), nil
}

func handshake(conn net.Conn, br *bufio.Reader, u *url.URL) error {
	var nonce [16]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return err
	}
	key := base64.StdEncoding.EncodeToString(nonce[:])
	path := u.RequestURI()
	req := "GET " + path + " HTTP/1.1\r\n" +
		"Host: " + u.Host + "\r\n" +
		"Upgrade: websocket\r\n" +
		"Connection: Upgrade\r\n" +
		"Sec-WebSocket-Key: " + key + "\r\n" +
		"Sec-WebSocket-Version: 13\r\n\r\n"
	if _, err := io.WriteString(conn, req); err != nil {
		return err
	}
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodGet})
	if err != nil {
		return fmt.Errorf("wsecho: reading handshake response: %w", err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		msg := fmt.Sprintf("wsecho: handshake with %s: %s", u, resp.Status)
		if b := strings.TrimSpace(string(body)); b != "" {
			msg += ": " + b
		}
		return errors.New(msg)
	}
	sum := sha1.Sum([]byte(key + acceptGUID))
	if got, want := resp.Header.Get("Sec-WebSocket-Accept"), base64.StdEncoding.EncodeToString(sum[:]); got != want {
		return fmt.Errorf("wsecho: bad Sec-WebSocket-Accept %q", got)
	}
	if !strings.EqualFold(resp.Header.Get("Upgrade"), "websocket") {
		return errors.New("wsecho: handshake response has no Upgrade: websocket")
	}
	return nil
}

// writeFrame writes one final, masked frame (clients must mask, RFC 6455 5.3).
func writeFrame(w io.Writer, opcode byte, payload []byte) error {
	header := []byte{0x80 | opcode}
	switch n := len(payload); {
	case n <= 125:
		header = append(header, 0x80|byte(n))
	case n <= 0xFFFF:
		header = append(header, 0x80|126)
		header = binary.BigEndian.AppendUint16(header, uint16(n))
	default:
		header = append(header, 0x80|127)
		header = binary.BigEndian.AppendUint64(header, uint64(n))
	}
	var mask [4]byte
	if _, err := rand.Read(mask[:]); err != nil {
		return err
	}
	header = append(header, mask[:]...)
	masked := make([]byte, len(payload))
	for i, b := range payload {
		masked[i] = b ^ mask[i%4]
	}
	_, err := w.Write(append(header, masked...))
	return err
}

// readMessage returns the next complete text or binary message, answering
// pings and skipping pongs on the way.
func readMessage(w io.Writer, br *bufio.Reader) ([]byte, error) {
	var msg []byte
	started := false
	for {
		fin, opcode, payload, err := readFrame(br)
		if err != nil {
			return nil, err
		}
		switch opcode {
		case opPing:
			if err := writeFrame(w, opPong, payload); err != nil {
				return nil, err
			}
			continue
		case opPong:
			continue
		case opClose:
			code := 1005
			if len(payload) >= 2 {
				code = int(binary.BigEndian.Uint16(payload))
			}
			return nil, fmt.Errorf("wsecho: server closed the connection (code %d)", code)
		case opText, opBinary:
			if started {
				return nil, errors.New("wsecho: new message before the previous one ended")
			}
			started = true
		case opContinuation:
			if !started {
				return nil, errors.New("wsecho: continuation frame without a message")
			}
		default:
			return nil, fmt.Errorf("wsecho: unknown opcode %#x", opcode)
		}
		if len(msg)+len(payload) > maxMessageBytes {
			return nil, errors.New("wsecho: message too large")
		}
		msg = append(msg, payload...)
		if fin {
			return msg, nil
		}
	}
}

func readFrame(br *bufio.Reader) (fin bool, opcode byte, payload []byte, err error) {
	var h [2]byte
	if _, err = io.ReadFull(br, h[:]); err != nil {
		return
	}
	fin = h[0]&0x80 != 0
	opcode = h[0] & 0x0F
	if h[0]&0x70 != 0 {
		err = errors.New("wsecho: reserved bits set (no extension was negotiated)")
		return
	}
	n := uint64(h[1] & 0x7F)
	switch n {
	case 126:
		var b [2]byte
		if _, err = io.ReadFull(br, b[:]); err != nil {
			return
		}
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		if _, err = io.ReadFull(br, b[:]); err != nil {
			return
		}
		n = binary.BigEndian.Uint64(b[:])
	}
	if n > maxMessageBytes {
		err = errors.New("wsecho: frame too large")
		return
	}
	var mask []byte
	if h[1]&0x80 != 0 { // servers must not mask, but accept it
		mask = make([]byte, 4)
		if _, err = io.ReadFull(br, mask); err != nil {
			return
		}
	}
	payload = make([]byte, n)
	if _, err = io.ReadFull(br, payload); err != nil {
		return
	}
	if mask != nil {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return
}
