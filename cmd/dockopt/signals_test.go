package main

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// SIGTERM cancels the context and gives 143 (128 + 15), as a shell reports it.
func TestInterruptibleSIGTERM(t *testing.T) {
	ctx, stop, code := interruptible(context.Background())
	defer stop()
	if code() != exitInterrupted {
		t.Errorf("before any signal: %d", code())
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM did not cancel the context")
	}
	if c := code(); c != 143 {
		t.Errorf("exit code after SIGTERM %d, want 143", c)
	}
}

// A signal repeated at once (`timeout -s INT` signals the process, then its group) is the same
// interruption: the process lives on to clean up. SIGHUP (the terminal closed) interrupts too.
func TestInterruptibleRepeatedSignal(t *testing.T) {
	ctx, stop, code := interruptible(context.Background())
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGHUP did not cancel the context")
	}
	// the second, had its default action been restored, would end the test binary
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if c := code(); c != 129 {
		t.Errorf("exit code after SIGHUP %d, want 129", c)
	}
}
