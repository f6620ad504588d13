package pkgmgr

import (
	"slices"
	"strings"
	"testing"
)

func TestWithoutRunner(t *testing.T) {
	cases := []struct {
		in   []string
		want []string
		id   string
	}{
		{[]string{"poetry", "run", "uvicorn", "app:app"}, []string{"uvicorn", "app:app"}, "poetry"},
		{[]string{"uv", "run", "--no-sync", "--with", "x", "fastapi", "run"}, []string{"fastapi", "run"}, "uv"},
		{[]string{"/usr/local/bin/pipenv", "run", "gunicorn"}, []string{"gunicorn"}, "pipenv"},
		{[]string{"poetry", "install"}, nil, ""},
		{[]string{"pip", "run", "x"}, nil, ""},
		{[]string{"uv", "run", "--no-sync"}, nil, ""},
	}
	for _, c := range cases {
		got, m, ok := WithoutRunner(c.in)
		if ok != (c.want != nil) || !slices.Equal(got, c.want) || ok && m.ID != c.id {
			t.Errorf("WithoutRunner(%q) = %q, %v, %v; want %q (%s)", c.in, got, m, ok, c.want, c.id)
		}
	}
}

func TestIsVenvInstall(t *testing.T) {
	for line, want := range map[string]bool{
		"poetry install --no-root": true, "poetry sync": true, "uv sync --frozen": true, "pipenv install --deploy": true,
		"uv pip install x": false, "poetry lock": false, "pip install x": false,
	} {
		w := strings.Fields(line)
		c := Parse(w[0], w[1:])
		if got := c != nil && c.IsVenvInstall(); got != want {
			t.Errorf("%s: IsVenvInstall = %v, want %v", line, got, want)
		}
	}
}
