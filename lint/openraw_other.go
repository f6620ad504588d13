//go:build !unix

package lint

import (
	"io"
	"os"
)

// openRaw opens path for reading: the file, its size (-1 when it is not a regular file) and
// whether it is a directory (then no file).
func openRaw(path string) (io.ReadCloser, int64, bool, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, 0, false, err
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, 0, false, err
	}
	if st.IsDir() {
		fh.Close()
		return nil, 0, true, nil
	}
	if st.Mode().IsRegular() {
		return fh, st.Size(), false, nil
	}
	return fh, -1, false, nil
}
