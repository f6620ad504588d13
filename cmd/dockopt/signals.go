package main

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// interruptible returns a context cancelled on SIGINT (Ctrl-C), SIGTERM or SIGHUP (the
// terminal closed), a stop function, and code, the exit status to use after an interruption:
// 128 + the signal's number, as a shell reports a process killed by it (130 for SIGINT, 143
// for SIGTERM, 129 for SIGHUP). A signal that comes within duplicateWindow of the first is the
// same interruption (`timeout -s INT` signals the process and then its process group) and is
// ignored; a later one ends the process at once, without the cleanup. stop restores the
// default handling.
func interruptible(parent context.Context) (ctx context.Context, stop func(), code func() int) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	var mu sync.Mutex
	got := syscall.Signal(0)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			mu.Lock()
			got = s.(syscall.Signal)
			mu.Unlock()
			cancel()
			select { // the same interruption delivered twice is ignored
			case <-time.After(duplicateWindow):
			case <-done:
			}
			signal.Stop(ch) // a second signal ends the process at once
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

// duplicateWindow is how long after a first signal another one counts as the same
// interruption.
const duplicateWindow = 500 * time.Millisecond
