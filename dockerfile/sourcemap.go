package dockerfile

import "fmt"

// SourceMap maps the byte indexes of a text made of pieces of the source (a joined
// instruction, a shell script with heredoc bodies) to offsets in File.Source. It holds one
// segment per run of bytes that are consecutive in the file (usually one per physical line),
// and one per run of bytes that are not in the file, so a lookup is a short search.
//
// The zero value is an empty map. Build one with Append; a map that copies share must not
// be appended to (like a slice), except the result of Slice, whose segments are its own
// once appended to.
type SourceMap struct {
	n    int // length of the text
	base int // segment index of text byte 0 (a Slice shares its parent's segments)
	// segs in order of at; a segment runs to the next one's at, the last to base+n. Two
	// neighbours never continue each other (Append merges them), so a run of consecutive
	// file offsets lies in one segment.
	segs []segment
}

// segment is a run of bytes: at is the index (shifted by base) of its first byte in the
// text, off the file offset of that byte, -1 when the run is not in the file.
type segment struct {
	at, off int
}

// RunMap returns the map of a text of n bytes at consecutive file offsets from off (off < 0:
// none of them is in the file).
func RunMap(off, n int) SourceMap {
	var m SourceMap
	m.Append(off, n)
	return m
}

// Len returns the length of the text.
func (m SourceMap) Len() int { return m.n }

// At returns the file offset of byte i of the text, -1 when i is outside the text or the
// byte is not in the file.
func (m SourceMap) At(i int) int {
	if i < 0 || i >= m.n {
		return -1
	}
	s := m.segs[m.find(i)]
	if s.off < 0 {
		return -1
	}
	return s.off + m.base + i - s.at
}

// find returns the index of the segment holding byte i (0 <= i < m.n).
func (m SourceMap) find(i int) int {
	x := m.base + i
	lo, hi := 0, len(m.segs)-1 // segs[lo].at <= x always holds
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m.segs[mid].at <= x {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// Slice returns the map of text[i:j]; like a slice expression it panics unless
// 0 <= i <= j <= Len(). It shares m's segments.
func (m SourceMap) Slice(i, j int) SourceMap {
	if i < 0 || j < i || j > m.n {
		panic(fmt.Sprintf("dockerfile: SourceMap.Slice(%d, %d) of length %d", i, j, m.n))
	}
	if i == j {
		return SourceMap{}
	}
	k, l := m.find(i), m.find(j-1)
	return SourceMap{n: j - i, base: m.base + i, segs: m.segs[k : l+1 : l+1]}
}

// Contiguous reports whether text[i:j] maps to consecutive file offsets: every byte is in
// the file, each right after the one before. An empty range is contiguous when
// 0 <= i == j; an out-of-range one is not.
func (m SourceMap) Contiguous(i, j int) bool {
	if i < 0 || j > m.n || i >= j {
		return i == j && i >= 0
	}
	k := m.find(i)
	if m.segs[k].off < 0 {
		return false
	}
	return k+1 == len(m.segs) || m.segs[k+1].at >= m.base+j
}

// Append adds a run of n bytes at consecutive file offsets from off (off < 0: bytes that are
// not in the file) to the end of the text.
func (m *SourceMap) Append(off, n int) {
	if n <= 0 {
		return
	}
	if off < 0 {
		off = -1
	}
	end := m.base + m.n
	if k := len(m.segs) - 1; k >= 0 {
		last := m.segs[k]
		if (last.off < 0 && off < 0) || (last.off >= 0 && off == last.off+end-last.at) {
			m.n += n // the run continues the last segment
			return
		}
	}
	m.segs = append(m.segs, segment{at: end, off: off})
	m.n += n
}

// AppendMap adds the runs of o to the end of the text.
func (m *SourceMap) AppendMap(o SourceMap) {
	for k, s := range o.segs {
		start, end := max(s.at-o.base, 0), o.n
		if k+1 < len(o.segs) {
			end = o.segs[k+1].at - o.base
		}
		off := s.off
		if off >= 0 {
			off += o.base + start - s.at
		}
		m.Append(off, end-start)
	}
}
