package compose

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	yamlv4 "go.yaml.in/yaml/v4"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// Error is a compose or bake file that cannot be used.
type Error struct {
	File   string
	Line   int // 0 when unknown
	Column int // 0 when unknown
	Msg    string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", dockerfile.Pos{File: e.File, Line: e.Line, Column: e.Column}, e.Msg)
}

func describe(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, os.ErrNotExist) {
		return "no such file"
	}
	return err.Error()
}

// unclosed names the constructs whose end the YAML parser looks for, by the context of its
// error (go.yaml.in/yaml/v4's LoadError.ContextMsg, libyaml's wording): a bracket or quote
// left open is found only where the parser stops, often lines later, so the error points at
// where the construct starts.
var unclosed = map[string]string{
	"while parsing a flow sequence":  "the flow sequence '[' that starts here has no closing ']' (or lacks a ',')",
	"while parsing a flow mapping":   "the flow mapping '{' that starts here has no closing '}' (or lacks a ',')",
	"while scanning a quoted scalar": "the quoted string that starts here is not closed",
}

// yamlSyntaxError turns a YAML syntax error of go.yaml.in/yaml/v4 in data into an *Error at
// its line and column: where an unclosed bracket or quote starts (unclosed), else where the
// parser stopped, with the construct it was reading.
func yamlSyntaxError(path string, data []byte, err error) *Error {
	var le *yamlv4.LoadError
	if !errors.As(err, &le) || le.Mark.Line == 0 {
		return &Error{File: path, Msg: err.Error()}
	}
	at, ctx := le.Mark, le.ContextMark
	what, ok := unclosed[le.ContextMsg]
	if !ok {
		// the scanner reports some errors inside a bracket with no context ("mapping values
		// are not allowed in this context" at the next key): the text before the error's line,
		// parsed alone, names the bracket still open there
		if open := openBefore(data, at); open != nil {
			what, ok, ctx = unclosed[open.ContextMsg], true, open.ContextMark
		}
	}
	if ok && ctx.Line > 0 && ctx != at {
		return &Error{File: path, Line: ctx.Line, Column: ctx.Column,
			Msg: fmt.Sprintf("yaml: %s: the parser stopped at line %d, column %d: %s", what, at.Line, at.Column, le.Message)}
	}
	msg := "yaml: " + le.Message
	if le.ContextMsg != "" && ctx.Line > 0 && ctx != at {
		msg += fmt.Sprintf(" (%s at line %d, column %d)", le.ContextMsg, ctx.Line, ctx.Column)
	}
	return &Error{File: path, Line: at.Line, Column: at.Column, Msg: msg}
}

// openBefore parses the lines of data before the line of mark at and returns its error when
// it is a bracket or quote left open (unclosed) before at; nil otherwise.
func openBefore(data []byte, at yamlv4.Mark) *yamlv4.LoadError {
	end := 0
	for line := 1; line < at.Line; line++ {
		i := bytes.IndexByte(data[end:], '\n')
		if i < 0 {
			return nil
		}
		end += i + 1
	}
	if end == 0 {
		return nil
	}
	var doc yamlv4.Node
	var le *yamlv4.LoadError
	if err := yamlv4.Unmarshal(data[:end], &doc); !errors.As(err, &le) {
		return nil
	}
	if _, ok := unclosed[le.ContextMsg]; !ok || le.ContextMark.Line == 0 || le.ContextMark.Line > at.Line {
		return nil
	}
	return le
}

var (
	lineRe = lazyre.New(`line (\d+)`)
	// compose-go's schema errors start with the property path: "services.api.build additional
	// properties 'contxt' not allowed"
	pathRe = lazyre.New(`^(?:validating [^:]+: )?((?:[A-Za-z0-9_.-]+))\s`)
)

// composeError turns compose-go's error into an *Error with the line: the last "line N" of a
// YAML error, else the line and column of the property path a schema error names.
func composeError(path string, data []byte, err error) *Error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "failed to parse "+mustAbs(path)+": ")
	msg = strings.TrimPrefix(msg, "validating "+mustAbs(path)+": ")
	e := &Error{File: path, Msg: msg}
	if ms := lineRe.FindAllStringSubmatch(msg, -1); len(ms) > 0 {
		e.Line, _ = strconv.Atoi(ms[len(ms)-1][1])
		return e
	}
	if m := pathRe.FindStringSubmatch(msg); m != nil && strings.Contains(m[1], ".") {
		e.Line, e.Column = yamlPos(data, strings.Split(m[1], ".")...)
	}
	return e
}
