// Package app is what every verb of the command line shares: it loads a Dockerfile with its
// build context, configuration and options (load.go), names every file dockopt writes
// (names.go), runs the optimize and measure workflows on files (optimize.go, measure.go), and
// says with typed errors how a run ended (errors.go). cmd/dockopt only parses flags, calls it
// and maps the errors to exit codes.
package app

import (
	"errors"
	"fmt"
)

// InputError is a usage, input or parse error: a bad flag, a missing or unreadable file, a
// Dockerfile or configuration that does not parse (exit code 2). Msg may be empty when the
// errors were already reported (lint prints them with the findings).
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Inputf returns an *InputError.
func Inputf(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

// AsInput wraps err as an *InputError (nil stays nil; an error that already says how the run
// ended is kept).
func AsInput(err error) error {
	if err == nil || Typed(err) {
		return err
	}
	return &InputError{Msg: err.Error()}
}

// FailedError is a run that worked and found something at or above the failure threshold,
// or a check that failed: lint findings, fix --check with fixes to apply, an inspect gate,
// a measure build or check (exit code 1). Msg may be empty.
type FailedError struct{ Msg string }

func (e *FailedError) Error() string { return e.Msg }

// Failedf returns a *FailedError.
func Failedf(format string, args ...any) error {
	return &FailedError{Msg: fmt.Sprintf(format, args...)}
}

// EngineError is a container engine that could not be used: no docker CLI, no daemon
// answering, no way to build with BuildKit, an unknown --builder (exit code 3).
type EngineError struct{ Err error }

func (e *EngineError) Error() string { return e.Err.Error() }
func (e *EngineError) Unwrap() error { return e.Err }

// InterruptedError is a run stopped by a signal after it cleaned up; Code is the exit code
// (128 + the signal's number).
type InterruptedError struct {
	Code int
	Msg  string
}

func (e *InterruptedError) Error() string { return e.Msg }

// Typed reports whether err is one of the errors above.
func Typed(err error) bool {
	var (
		ie *InputError
		fe *FailedError
		ee *EngineError
		xe *InterruptedError
	)
	return errors.As(err, &ie) || errors.As(err, &fe) || errors.As(err, &ee) || errors.As(err, &xe)
}
