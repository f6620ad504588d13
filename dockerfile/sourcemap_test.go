package dockerfile

import (
	"slices"
	"testing"
)

// perByte returns m as the table of one offset per byte it replaces.
func perByte(m SourceMap) []int {
	out := make([]int, m.Len())
	for i := range out {
		out[i] = m.At(i)
	}
	return out
}

// contiguousRef is the per-byte definition SourceMap.Contiguous must agree with.
func contiguousRef(offs []int, i, j int) bool {
	if i < 0 || j > len(offs) || i >= j {
		return i == j && i >= 0
	}
	for k := i; k < j; k++ {
		if offs[k] < 0 || (k > i && offs[k] != offs[k-1]+1) {
			return false
		}
	}
	return true
}

// sample is "abc" at 10, 2 bytes not in the file, "de" at 20, "fgh" at 22 (continuing the
// run before it), 1 byte not in the file, "i" at 5.
func sample() SourceMap {
	var m SourceMap
	m.Append(10, 3)
	m.Append(-1, 2)
	m.Append(20, 2)
	m.Append(22, 3)
	m.Append(-7, 1)
	m.Append(5, 1)
	return m
}

var sampleOffs = []int{10, 11, 12, -1, -1, 20, 21, 22, 23, 24, -1, 5}

func TestSourceMapAt(t *testing.T) {
	m := sample()
	if m.Len() != len(sampleOffs) {
		t.Fatalf("Len = %d, want %d", m.Len(), len(sampleOffs))
	}
	if got := perByte(m); !slices.Equal(got, sampleOffs) {
		t.Fatalf("offsets = %v, want %v", got, sampleOffs)
	}
	for _, i := range []int{-1, -100, len(sampleOffs), len(sampleOffs) + 5} {
		if got := m.At(i); got != -1 {
			t.Errorf("At(%d) = %d outside the text, want -1", i, got)
		}
	}
	// "de" + "fgh" continue each other: one segment
	if len(m.segs) != 5 {
		t.Errorf("segments = %v, want 5 (a continuing run merged)", m.segs)
	}
}

func TestSourceMapEmpty(t *testing.T) {
	var m SourceMap
	if m.Len() != 0 || m.At(0) != -1 || m.At(-1) != -1 {
		t.Fatalf("zero map: Len %d, At(0) %d", m.Len(), m.At(0))
	}
	m.Append(4, 0)
	m.Append(-1, -3)
	if m.Len() != 0 || len(m.segs) != 0 {
		t.Fatalf("empty runs appended: Len %d, segs %v", m.Len(), m.segs)
	}
	if !m.Contiguous(0, 0) || m.Contiguous(0, 1) || m.Contiguous(-1, -1) {
		t.Error("Contiguous on the empty map")
	}
	if s := m.Slice(0, 0); s.Len() != 0 {
		t.Errorf("Slice(0, 0).Len() = %d", s.Len())
	}
}

func TestSourceMapUnmappedRun(t *testing.T) {
	m := RunMap(-1, 4)
	if got := perByte(m); !slices.Equal(got, []int{-1, -1, -1, -1}) {
		t.Fatalf("RunMap(-1, 4) = %v", got)
	}
	if m.Contiguous(0, 1) || m.Contiguous(1, 4) {
		t.Error("an unmapped run is contiguous")
	}
	m.Append(-5, 2) // any negative offset is "not in the file"
	if m.Len() != 6 || len(m.segs) != 1 || m.At(5) != -1 {
		t.Errorf("after a second unmapped run: Len %d, segs %v", m.Len(), m.segs)
	}
	m.Append(0, 2)
	if m.At(5) != -1 || m.At(6) != 0 || m.At(7) != 1 || m.At(8) != -1 {
		t.Errorf("mapped run after unmapped ones: %v", perByte(m))
	}
}

func TestSourceMapSlice(t *testing.T) {
	m := sample()
	for i := 0; i <= len(sampleOffs); i++ {
		for j := i; j <= len(sampleOffs); j++ {
			s := m.Slice(i, j)
			if got := perByte(s); !slices.Equal(got, sampleOffs[i:j]) {
				t.Fatalf("Slice(%d, %d) = %v, want %v", i, j, got, sampleOffs[i:j])
			}
			if s.At(-1) != -1 || s.At(j-i) != -1 {
				t.Fatalf("Slice(%d, %d) maps bytes outside it", i, j)
			}
		}
	}
	// a slice of a slice
	s := m.Slice(2, 11).Slice(3, 7)
	if got := perByte(s); !slices.Equal(got, sampleOffs[5:9]) {
		t.Errorf("Slice(2, 11).Slice(3, 7) = %v, want %v", got, sampleOffs[5:9])
	}
}

func TestSourceMapSlicePanics(t *testing.T) {
	m := sample()
	for _, r := range [][2]int{{-1, 2}, {3, 2}, {0, len(sampleOffs) + 1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Slice(%d, %d) did not panic", r[0], r[1])
				}
			}()
			m.Slice(r[0], r[1])
		}()
	}
}

func TestSourceMapAppendToSlice(t *testing.T) {
	m := sample()
	s := m.Slice(1, 6) // 11 12 -1 -1 20
	s.Append(21, 2)    // continues 20: merged
	s.Append(-1, 1)
	s.Append(100, 1)
	want := []int{11, 12, -1, -1, 20, 21, 22, -1, 100}
	if got := perByte(s); !slices.Equal(got, want) {
		t.Errorf("appended slice = %v, want %v", got, want)
	}
	if got := perByte(m); !slices.Equal(got, sampleOffs) {
		t.Errorf("appending to a slice changed its parent: %v, want %v", got, sampleOffs)
	}
	var c SourceMap
	c.AppendMap(m.Slice(4, 9))
	c.AppendMap(m.Slice(0, 2))
	want = append(slices.Clone(sampleOffs[4:9]), sampleOffs[0:2]...)
	if got := perByte(c); !slices.Equal(got, want) {
		t.Errorf("AppendMap = %v, want %v", got, want)
	}
}

func TestSourceMapContiguous(t *testing.T) {
	m := sample()
	for i := -2; i <= len(sampleOffs)+2; i++ {
		for j := -2; j <= len(sampleOffs)+2; j++ {
			if got, want := m.Contiguous(i, j), contiguousRef(sampleOffs, i, j); got != want {
				t.Errorf("Contiguous(%d, %d) = %v, want %v", i, j, got, want)
			}
		}
	}
	// spot checks of the reference itself
	if !m.Contiguous(5, 10) || m.Contiguous(2, 4) || m.Contiguous(9, 11) || m.Contiguous(10, 12) {
		t.Error("Contiguous spot checks")
	}
	// on a slice, across its own boundaries
	s := m.Slice(6, 12) // 21 22 23 24 -1 5
	if !s.Contiguous(0, 4) || s.Contiguous(0, 5) || !s.Contiguous(5, 6) || s.Contiguous(3, 7) {
		t.Error("Contiguous on a slice")
	}
}
