package dockerfile

import "testing"

func TestPosString(t *testing.T) {
	for p, want := range map[Pos]string{
		{"Dockerfile", 3, 7}: "Dockerfile:3:7",
		{"Dockerfile", 3, 0}: "Dockerfile:3",
		{"Dockerfile", 0, 5}: "Dockerfile",
	} {
		if got := p.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", p, got, want)
		}
	}
}
