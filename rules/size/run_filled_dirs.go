package size

import (
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// filledDir is a directory a RUN filled with files: extracted an archive or cloned a
// repository into it (DO111).
type filledDir struct {
	in  *dockerfile.Instruction
	dir string
	how string // "extracted into", "cloned into"
}

// runFilledDirs returns the directories a RUN extracts archives (tar -x, unzip) or clones
// repositories into, as absolute paths.
func runFilledDirs(f *dockerfile.File, in *dockerfile.Instruction) []filledDir {
	var out []filledDir
	cwd := f.WorkdirAt(in)
	for _, c := range in.Script.Commands {
		dir, how := "", ""
		switch {
		case c.Name == "cd" && len(c.Args) > 0:
			cwd = ruleutil.AbsPath(cwd, c.Args[0])
			continue
		case c.Name == "tar" && tarExtracts(c):
			dir, how = cwd, "extracted into"
			if v, ok := c.FlagValue("-C", "--directory"); ok {
				dir = expandPath(f, in, cwd, v)
			}
		case c.Name == "unzip":
			dir, how = cwd, "extracted into"
			if v, ok := c.FlagValue("-d"); ok {
				dir = expandPath(f, in, cwd, v)
			}
		case c.Name == "git" && c.Subcommand("-C", "-c") == "clone":
			pos := c.Positional("-C", "-c", "-b", "--branch", "--depth", "-o", "--origin", "--reference")
			if len(pos) == 2 {
				dir = expandPath(f, in, cwd, strings.TrimSuffix(path.Base(pos[1]), ".git"))
			} else if len(pos) >= 3 {
				dir = expandPath(f, in, cwd, pos[2])
			}
			how = "cloned into"
		default:
			continue
		}
		if dir != "" {
			out = append(out, filledDir{in: in, dir: path.Clean(dir), how: how})
		}
	}
	return out
}

// tarExtracts reports whether a tar command extracts: -x/--extract/--get, or an old-style
// first argument holding x ("xzf").
func tarExtracts(c *dockerfile.Command) bool {
	if c.HasFlag("-x", "--extract", "--get") {
		return true
	}
	if len(c.Args) > 0 && !strings.HasPrefix(c.Args[0], "-") && strings.Contains(c.Args[0], "x") &&
		strings.Trim(c.Args[0], "ABcdfjJkmMOprStuUvwWxzZ") == "" {
		return true
	}
	return false
}

// filledUnder returns the filled directory a recursive chown/chmod of target covers: the
// directory itself or one inside target. A chown of a subdirectory is not taken to be over
// the extracted files: the directory may hold files from elsewhere.
func filledUnder(filled []filledDir, target string) (filledDir, bool) {
	for i := len(filled) - 1; i >= 0; i-- {
		if fd := filled[i]; target != "/" && pathUnder(fd.dir, target) {
			return fd, true
		}
	}
	return filledDir{}, false
}
