package ruleutil

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// MountTargets returns the targets of the RUN's --mount flags of the given types (cache,
// tmpfs, bind, secret...). A mount without a type is a bind mount.
func MountTargets(in *dockerfile.Instruction, types ...string) []string {
	var out []string
	for _, m := range in.FlagValues("mount") {
		typ, target := "bind", ""
		for _, kv := range strings.Split(m, ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
			v = strings.Trim(v, `"'`)
			switch strings.ToLower(k) {
			case "type":
				typ = strings.ToLower(v)
			case "target", "dst", "destination":
				target = v
			}
		}
		if target == "" {
			continue
		}
		for _, t := range types {
			if typ == t {
				out = append(out, path.Clean(target))
			}
		}
	}
	return out
}

// AppendAfter returns an edit that appends text (e.g. " && rm -rf /var/lib/apt/lists/*")
// right after the top-level shell statement (an and-or list such as `a && b || c`) that
// contains command c, so that it runs once the statement is done. It returns nil when no
// safe position exists: the statement runs in the background, holds a heredoc, or its end
// is not in the file.
func AppendAfter(c *dockerfile.Command, text string) []rule.TextEdit {
	if c.Part == nil || c.Part.File == nil {
		return nil
	}
	var top *syntax.Stmt
	for _, st := range c.Part.File.Stmts {
		if st.Pos().Offset() <= c.Call.Pos().Offset() && c.Call.End().Offset() <= st.End().Offset() {
			top = st
			break
		}
	}
	if top == nil || top.Background || top.Coprocess || top.Disown {
		return nil
	}
	if _, ok := top.Cmd.(*syntax.FuncDecl); ok {
		return nil
	}
	hasHeredoc := false
	syntax.Walk(top, func(n syntax.Node) bool {
		if r, ok := n.(*syntax.Redirect); ok && r.Hdoc != nil {
			hasHeredoc = true
		}
		return !hasHeredoc
	})
	if hasHeredoc {
		return nil
	}
	end := stmtEnd(top)
	idx := int(end) - 1
	o := c.Part.Offsets.At(idx)
	if o < 0 {
		return nil
	}
	off := o + 1
	return []rule.TextEdit{{Start: off, End: off, New: text}}
}

// stmtEnd is the offset just past a statement's command and redirections, without a
// trailing `;` or `&`.
func stmtEnd(st *syntax.Stmt) uint {
	end := st.Cmd.End().Offset()
	for _, r := range st.Redirs {
		if e := r.End().Offset(); e > end {
			end = e
		}
	}
	return end
}

// AbsPath resolves p against the working directory wd; "" when it cannot.
func AbsPath(wd, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	if strings.HasPrefix(p, "~") || strings.Contains(p, "$") || wd == "" {
		return ""
	}
	return path.Join(wd, p)
}

// copyInfo describes a COPY or ADD instruction.
type copyInfo struct {
	Sources []string
	// Dest is the destination as an absolute path, "" when unresolvable.
	Dest string
	// DestDir is true when Dest is a directory (trailing slash, several sources, or ".").
	DestDir bool
	// From is the --from value, "" for the build context.
	From string
	// Excludes are the --exclude patterns (buildctx.CopyExcludes reads them).
	Excludes []string
}

// CopyOf returns what a COPY or ADD copies, or false for another instruction or heredoc
// sources.
func CopyOf(f *dockerfile.File, in *dockerfile.Instruction) (copyInfo, bool) {
	if (in.Cmd != "copy" && in.Cmd != "add") || len(in.Args) < 2 || len(in.Heredocs) > 0 {
		return copyInfo{}, false
	}
	ci := copyInfo{}
	ci.From, _ = in.Flag("from")
	ci.Excludes = in.FlagValues("exclude")
	for _, s := range in.Args[:len(in.Args)-1] {
		if v, ok := f.Expand(in, s); ok {
			ci.Sources = append(ci.Sources, v)
		} else {
			ci.Sources = append(ci.Sources, s)
		}
	}
	dest, ok := f.Expand(in, in.Args[len(in.Args)-1])
	if !ok {
		return ci, true
	}
	ci.DestDir = strings.HasSuffix(dest, "/") || dest == "." || len(ci.Sources) > 1
	ci.Dest = AbsPath(f.WorkdirAt(in), dest)
	return ci, true
}

// CommandText returns a command's source text (for messages), or its name.
func CommandText(c *dockerfile.Command) string {
	if c.Part == nil {
		return c.Name
	}
	s, e := int(c.Call.Pos().Offset()), int(c.Call.End().Offset())
	if s < 0 || e > len(c.Part.Source) || s >= e {
		return c.Name
	}
	t := strings.Join(strings.Fields(strings.ReplaceAll(c.Part.Source[s:e], "\\\n", " ")), " ")
	if len(t) > 60 {
		t = t[:57] + "..."
	}
	return t
}
