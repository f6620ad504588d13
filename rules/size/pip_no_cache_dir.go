package size

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// PipNoCacheDir is DO104 (pip-no-cache-dir).
	PipNoCacheDir = &rule.Rule{
		ID:          "DO104",
		Name:        "pip-no-cache-dir",
		Family:      rule.Size,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3042"},
		Fix:         rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds `pip install` (also `pip3`, `python -m pip`) without `--no-cache-dir` in a " +
				"stage whose layers end up in the final image, unless `PIP_NO_CACHE_DIR` is set (ENV or " +
				"ARG in the stage or a stage it is built FROM, or on the command), a cache or tmpfs " +
				"mount holds pip's cache, or the RUN removes the cache (`pip cache purge`, " +
				"`rm -rf /root/.cache`).",
			Why: "pip keeps every wheel it downloads or builds in ~/.cache/pip. In an image that cache " +
				"is never used again but ships in the layer, often tens or hundreds of megabytes for " +
				"scientific packages. Builder stages are not reported: their cache never reaches the " +
				"final image.",
			Example: "RUN pip install -r requirements.txt",
			UseInstead: "RUN pip install --no-cache-dir -r requirements.txt\n\n" +
				"# or, with BuildKit, keep the cache across builds outside the image:\n" +
				"RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt",
			Fixed: "pip keeps no download cache in the image",
			FixNotes: "Inserts `--no-cache-dir` after `install`. Safe: the same packages are installed; " +
				"only the download cache is not written.",
			References: []string{
				"https://github.com/hadolint/hadolint/wiki/DL3042",
				"https://pip.pypa.io/en/stable/topics/caching/",
				"https://docs.docker.com/build/cache/optimize/#use-cache-mounts",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachRun(p, func(in *dockerfile.Instruction) {
				s := in.Script
				if s == nil || !inImage(p, in) {
					return
				}
				checked := false // the stage-wide settings, looked up at the first pip install
				for i, c := range s.Commands {
					call, ok := ruleutil.PipInstall(c)
					if !ok || call.CacheDisabled() {
						continue // --no-cache-dir (or an abbreviation pip accepts), PIP_NO_CACHE_DIR=1 pip ...
					}
					if !checked {
						if stageSets(p.File, in, "PIP_NO_CACHE_DIR") || pipConfigured(p.File, in) {
							return
						}
						checked = true
					}
					if exportedBefore(s, i, "PIP_NO_CACHE_DIR") || pipCacheMounted(p.File, in, c) {
						continue
					}
					if anyAfter(s, i, pipCacheCleanup) {
						continue
					}
					p.ReportCommand(in, c, "pip install without --no-cache-dir keeps downloaded packages in ~/.cache/pip",
						rule.WithFix("add --no-cache-dir", outsideHeredocs(in, ruleutil.InsertAfterArg(c, "install", " --no-cache-dir"))...))
				}
			})
		},
	}
)

// exportedBefore reports whether the script exports NAME=... before command i.
func exportedBefore(s *dockerfile.Script, i int, name string) bool {
	c := s.Commands[i]
	for _, part := range s.Parts {
		if part.File == nil {
			continue
		}
		found := false
		syntax.Walk(part.File, func(n syntax.Node) bool {
			d, ok := n.(*syntax.DeclClause)
			if !ok || found {
				return !found
			}
			if part == c.Part && d.Pos().Offset() > c.Call.Pos().Offset() {
				return false
			}
			if d.Variant == nil || d.Variant.Value != "export" && d.Variant.Value != "declare" && d.Variant.Value != "typeset" {
				return true
			}
			for _, a := range d.Args {
				if a.Name != nil && a.Name.Value == name && !a.Naked {
					found = true
				}
			}
			return true
		})
		if found {
			return true
		}
		if part == c.Part {
			break
		}
	}
	return false
}

// stageSets reports whether NAME is given a value by ENV or ARG (with a default or a build
// arg) before in, in its stage or a stage it is built FROM.
func stageSets(f *dockerfile.File, in *dockerfile.Instruction, name string) bool {
	if _, ok := f.Vars(in)[name]; ok {
		return true
	}
	for _, st := range f.StageChain(in.Stage)[1:] {
		for _, x := range st.Instructions {
			if (x.Cmd == "env" || x.Cmd == "arg") && strings.Contains(x.Original, name) {
				if _, ok := f.Vars(x)[name]; ok {
					return true
				}
				for _, a := range x.Args {
					if strings.HasPrefix(a, name+"=") || a == name && x.Cmd == "env" {
						return true
					}
				}
			}
		}
	}
	return false
}

// pipConfigured reports whether an earlier instruction of the stage chain configures pip's
// cache (a pip.conf written or copied, `pip config set global.no-cache-dir`).
func pipConfigured(f *dockerfile.File, in *dockerfile.Instruction) bool {
	for _, st := range f.StageChain(in.Stage) {
		for _, x := range st.Instructions {
			if x == in {
				break
			}
			if x.Cmd != "run" && x.Cmd != "copy" && x.Cmd != "add" {
				continue
			}
			t := x.Original
			if strings.Contains(t, "pip.conf") || strings.Contains(t, "no-cache-dir") && !strings.Contains(t, "install") {
				return true
			}
		}
	}
	return false
}

// pipCacheMounted reports whether pip's cache directory is on a cache or tmpfs mount.
func pipCacheMounted(f *dockerfile.File, in *dockerfile.Instruction, c *dockerfile.Command) bool {
	targets := ruleutil.MountTargets(in, "cache", "tmpfs")
	ca := ruleutil.PipCache()
	if call, ok := ruleutil.PmOf(c, "pip"); ok {
		if dir, ok := call.Value(ca.DirOptions...); ok && pathUnder(dir, targets...) {
			return true
		}
	}
	vars := f.Vars(in)
	for _, e := range ca.DirEnv {
		if dir, ok := vars[e]; ok && pathUnder(dir, targets...) {
			return true
		}
	}
	for _, t := range targets {
		b := path.Base(t)
		if b == "pip" || b == ".cache" || strings.Contains(t, ca.Marker) {
			return true
		}
	}
	return false
}

// pipCacheCleanup reports whether a command removes pip's cache (pip cache purge, rm -rf
// ~/.cache/pip).
func pipCacheCleanup(c *dockerfile.Command) bool {
	if call, ok := ruleutil.PmOf(c, "pip"); ok {
		return call.Action == pkgmgr.Clean
	}
	for _, t := range rmTargets(c) {
		t = cleanGlob(t)
		if strings.HasSuffix(t, "/.cache") || strings.HasSuffix(t, ruleutil.PipCache().Marker) || t == "~/.cache" {
			return true
		}
	}
	return false
}
