// Command wsecho sends one message to a WebSocket endpoint and checks that the
// same message comes back:
//
//	go run ./examples/wsecho/cmd/wsecho ws://127.0.0.1:9000/ws [message]
//
// It prints the reply and exits 0 on an exact echo, 1 otherwise.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/dockopt/dockopt/examples/wsecho"
)

func main() {
	timeout := flag.Duration("timeout", 10*time.Second, "limit for the whole exchange")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wsecho [-timeout 10s] ws://HOST:PORT/PATH [message]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 1 || flag.NArg() > 2 {
		flag.Usage()
		os.Exit(2)
	}
	message := "dockopt websocket probe"
	if flag.NArg() == 2 {
		message = flag.Arg(1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	reply, err := wsecho.RoundTrip(ctx, flag.Arg(0), message)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(reply)
	if reply != message {
		fmt.Fprintf(os.Stderr, "wsecho: reply %q differs from %q\n", reply, message)
		os.Exit(1)
	}
}
