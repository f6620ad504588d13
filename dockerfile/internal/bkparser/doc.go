// Package bkparser is BuildKit's Dockerfile parser (github.com/moby/buildkit
// frontend/dockerfile/parser, v0.34.2, Apache License 2.0: see LICENSE; Copyright The
// BuildKit Authors) with its line-continuation test written without a regular expression.
//
// Why a copy: parser.Parse matches, and on a match replaces, an unanchored regular expression
// on every line of the file to find a trailing escape token; over the shared corpus that was
// 18% of `dockopt lint`'s CPU time (and a third of BuildKit's own linter's), and splitting
// each instruction at white space with another expression 3% more. Both are unexported and
// reachable only through Parse, so faster versions need this copy.
//
// What is copied: parser.go (as parse.go), line_parsers.go and split_command.go, unchanged
// except where a line says CHANGED: the node, heredoc, result, warning and location types are
// parser's own (aliases; parser is third_party's copy of the package, which links no protobuf:
// third_party/README.md), so the AST goes to the instructions package as before;
// parser's exported DirectiveParser, ParseHeredoc, WithLocation and DefaultEscapeToken are
// used instead of copies; the white-space split of every instruction is done without a
// regular expression (TestWhitespaceSplitter); no expression is compiled per file or at
// start-up.
//
// Keeping in step: TestSameAsBuildKit parses BuildKit's own parser test files, dockopt's rule
// test files and the shared corpus with both parsers and requires the same AST (every node's
// fields), warnings and errors. When go.mod moves to another BuildKit, copy these three files
// from the new version again and re-apply the CHANGED lines.
package bkparser
