package pkgmgr

import "testing"

// One answer to "is this a Python interpreter" for the rules and optimize: CPython's and
// PyPy's names, by path or not; not programs that merely start with the word.
func TestIsPython(t *testing.T) {
	for prog, want := range map[string]bool{
		"python": true, "python3": true, "python3.12": true, "/usr/local/bin/python3.11": true,
		"pypy": true, "pypy3": true, "pypy3.10": true, "/opt/pypy/bin/pypy3": true,
		"python-config": false, "python3-dbg": false, "pythonx": false, "pip3": false, "ipython": false, "pypy-c-jit": false,
	} {
		if got := IsPython(prog); got != want {
			t.Errorf("IsPython(%q) = %v, want %v", prog, got, want)
		}
	}
}
