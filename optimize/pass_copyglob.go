package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// copyGlobPass narrows a `COPY --from=STAGE dir/name* /dest/` in a stage that ships on scratch
// or a distroless-like base to the one file the image runs (CMD/ENTRYPOINT /dest/name). Such
// an image has no shell: the program it runs is the only executable anything can start, and a
// pattern like `dist/go-httpbin*` also copies whatever else the build wrote under that name
// (a test binary from `make buildtests`, a checksum file). It applies only when the pattern's
// one `*` ends it and the program's name matches it.
func copyGlobPass(p *plan) {
	st := p.stage()
	root := p.f.RootImage(st)
	repo, _ := splitImage(root)
	if root != "scratch" && !strings.Contains(repo, "distroless") {
		return
	}
	prog := stageProgram(p.f, st)
	if !strings.HasPrefix(prog, "/") {
		return
	}
	for _, in := range st.Instructions {
		if in.Cmd != "copy" || len(in.Args) < 2 {
			continue
		}
		if _, ok := in.Flag("from"); !ok {
			continue
		}
		dest := in.Args[len(in.Args)-1]
		if !strings.HasSuffix(dest, "/") || path.Clean(dest) != path.Dir(prog) {
			continue
		}
		for _, src := range in.Args[:len(in.Args)-1] {
			base := path.Base(src)
			if strings.Count(src, "*") != 1 || !strings.HasSuffix(base, "*") || strings.ContainsAny(src, "?[") {
				continue
			}
			name := path.Base(prog)
			if !strings.HasPrefix(name, strings.TrimSuffix(base, "*")) {
				continue
			}
			exact := path.Join(path.Dir(src), name)
			if narrowCopy(p, in, src, exact) {
				p.res.Changes = append(p.res.Changes, Change{
					Title:  "The image gets only the program it runs",
					Why:    fmt.Sprintf("`%s` copies every file the build stage wrote under that name; the image (on %s, with no shell) runs only %s, so only that file is copied.", src, root, prog),
					Before: src, After: exact})
				return
			}
		}
	}
}

// narrowCopy replaces the source word src of COPY instruction in with exact.
func narrowCopy(p *plan, in *dockerfile.Instruction, src, exact string) bool {
	t := p.text[in.StartOffset:in.EndOffset]
	i := wordIndex(t, src)
	if i < 0 {
		return false
	}
	return p.apply(rule.TextEdit{Start: in.StartOffset + i, End: in.StartOffset + i + len(src), New: exact})
}

// wordIndex returns the offset of word in s where it stands alone (white space or a quote on
// both sides), -1 when it does not.
func wordIndex(s, word string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return -1
		}
		i += off
		before := i == 0 || strings.ContainsRune(" \t\"[,", rune(s[i-1]))
		j := i + len(word)
		after := j == len(s) || strings.ContainsRune(" \t\r\n\",]\\", rune(s[j]))
		if before && after {
			return i
		}
		off = i + 1
	}
}
