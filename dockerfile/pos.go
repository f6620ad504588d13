package dockerfile

import "strconv"

// Pos is a place in a file, as messages name it. Line and Column are 1-based; 0 is unknown.
type Pos struct {
	File         string
	Line, Column int
}

// String formats the place as file:line:col, file:line when the column is unknown, and file
// when the line is: the one formatter of positions (errors, findings, every text output).
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
		if p.Column > 0 {
			s += ":" + strconv.Itoa(p.Column)
		}
	}
	return s
}
