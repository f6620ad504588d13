package main

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interruptible returns a context cancelled on SIGINT (Ctrl-C) or SIGTERM, a stop function
// that restores the default handling (so a second signal ends the process at once), and
// code, the exit status to use after an interruption: 128 + the signal's number, as a shell
// reports a process killed by it (130 for SIGINT, 143 for SIGTERM).
func interruptible(parent context.Context) (ctx context.Context, stop func(), code func() int) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	var mu sync.Mutex
	got := syscall.Signal(0)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			mu.Lock()
			got = s.(syscall.Signal)
			mu.Unlock()
			signal.Stop(ch) // a second signal ends the process at once
			cancel()
		case <-done:
		}
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
			cancel()
		})
	}
	code = func() int {
		mu.Lock()
		defer mu.Unlock()
		if got == 0 {
			return exitInterrupted
		}
		return 128 + int(got)
	}
	return ctx, stop, code
}
