// Package rules holds dockopt's lint rules, one small file each, named <family>_<name>.go.
// Every file registers its rule values with rule.Register in an init function; the rule's
// documentation lives in the value itself (rule.Doc) and nowhere else.
//
// IDs are allotted by family: DO0xx BuildKit's build checks, DO1xx size, DO2xx cache,
// DO3xx security, DO4xx reliability, DO5xx correctness, DO6xx style, DO7xx pinning
// (reliability family, info severity).
//
// Tests: testdata/<ID>/*.Dockerfile are linted alone; testdata/<ID>/<case>/Dockerfile with the
// case directory as build context. A `# want: ID` comment above an instruction expects one
// finding of that rule on it (list an ID twice for two findings); every other line must have
// none. See rules_test.go.
package rules
