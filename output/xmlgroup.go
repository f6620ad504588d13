package output

import (
	"encoding/xml"
	"io"
	"maps"
	"slices"
)

// byFile keeps one value per file name, made on first use: the checkstyle and JUnit writers
// group their entries by file and write the files in name order.
type byFile[T any] struct {
	m  map[string]*T
	mk func(name string) *T
}

func newByFile[T any](mk func(name string) *T) *byFile[T] {
	return &byFile[T]{m: map[string]*T{}, mk: mk}
}

// get returns name's value, made when it is the first use.
func (b *byFile[T]) get(name string) *T {
	v, ok := b.m[name]
	if !ok {
		v = b.mk(name)
		b.m[name] = v
	}
	return v
}

// each calls fn for every file, in name order.
func (b *byFile[T]) each(fn func(name string, v *T)) {
	for _, n := range slices.Sorted(maps.Keys(b.m)) {
		fn(n, b.m[n])
	}
}

// writeXML writes v as an indented XML document: the header, v, a final newline.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
