package size

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// npmLockfiles returns the lockfiles `npm ci` installs from.
func npmLockfiles() []string { return pkgmgr.ByID("npm").Lockfiles }

var (
	// NpmInstallWithLockfile is DO105 (npm-install-with-lockfile).
	NpmInstallWithLockfile = &rule.Rule{
		ID:           "DO105",
		Name:         "npm-install-with-lockfile",
		Family:       rule.Size,
		Severity:     rule.Warning,
		Fix:          rule.SafeFix,
		NeedsContext: true,
		Doc: rule.Doc{
			What: "Finds `npm install` (or `npm i`) without package arguments when an earlier COPY or " +
				"ADD put a `package-lock.json` or `npm-shrinkwrap.json` from the build context into " +
				"the image (and .dockerignore does not exclude it). Needs the build context.",
			Why: "`npm install` resolves versions again and may rewrite the lockfile, so two builds of " +
				"the same commit can install different dependency trees. `npm ci` installs exactly what " +
				"the lockfile pins, fails when it does not match package.json, starts from an empty " +
				"node_modules and is faster.",
			Example:    "COPY package.json package-lock.json ./\nRUN npm install",
			UseInstead: "COPY package.json package-lock.json ./\nRUN npm ci",
			Fixed:      "npm installs exactly the lockfile with npm ci",
			FixNotes: "Replaces `install`/`i` with `ci`, keeping every option. Safe: the lockfile is in " +
				"the image. A lockfile out of sync with package.json makes `npm ci` fail loudly instead " +
				"of installing something else.",
			References: []string{
				"https://docs.npmjs.com/cli/commands/npm-ci",
				"https://docs.docker.com/guides/nodejs/containerize/",
			},
		},
		Check: func(p *rule.Pass) {
			ruleutil.EachCommand(p, func(in *dockerfile.Instruction, c *dockerfile.Command) {
				if !c.Is("npm") || p.Context == nil {
					return
				}
				call, _ := ruleutil.PmOf(c, "npm")
				if call.Sub != "install" || len(call.Operands) != 0 {
					return
				}
				if call.Has("--global", "--no-package-lock", "--package-lock-only", "--prefix", "-C",
					"-w", "--workspace", "--workspaces", "--location") {
					return
				}
				for _, x := range in.Script.Commands {
					if x == c {
						break
					}
					if x.Name == "cd" || x.Name == "pushd" {
						return // another directory: its lockfile is not known
					}
				}
				lock := copiedLockfile(p.File, p.Context, in)
				if lock == "" {
					return
				}
				p.ReportCommand(in, c, "npm "+call.Positional[0]+" with "+lock+" in the image: use npm ci to install exactly the locked versions",
					rule.WithFix("use npm ci", outsideHeredocs(in, replaceArg(c, call.Positional[0], "ci"))...))
			})
		},
	}
)

// copiedLockfile returns the npm lockfile that a COPY/ADD from the build context put into the
// image before in (in its stage or a stage it is built FROM), "" if none.
func copiedLockfile(f *dockerfile.File, ctx *buildctx.Context, in *dockerfile.Instruction) string {
	chain := f.StageChain(in.Stage)
	for i := len(chain) - 1; i >= 0; i-- {
		for _, x := range chain[i].Instructions {
			if x == in {
				return ""
			}
			ci, ok := ruleutil.CopyOf(f, x)
			if !ok || ci.From != "" {
				continue
			}
			for _, src := range ci.Sources {
				if l := lockfileIn(ctx, src); l != "" {
					return l
				}
			}
		}
	}
	return ""
}

// lockfileIn returns the npm lockfile a COPY source brings from the context: the source
// itself, or one directly inside a source directory.
func lockfileIn(ctx *buildctx.Context, src string) string {
	if isURL(src) || strings.Contains(src, "$") {
		return ""
	}
	s := path.Clean(strings.TrimPrefix(path.Clean("/"+src), "/"))
	if s == "" || s == "/" {
		s = "."
	}
	for _, l := range npmLockfiles() {
		var cand string
		switch {
		case s == ".":
			cand = l
		case strings.ContainsAny(s, "*?["):
			if m, _ := filepath.Match(path.Base(s), l); !m {
				continue
			}
			cand = path.Join(path.Dir(s), l)
		case path.Base(s) == l:
			cand = s
		default:
			cand = s + "/" + l // a directory source
		}
		if e, ok := ctx.Entry(cand); ok && !e.IsDir && !ctx.Ignored(cand) {
			return cand
		}
	}
	return ""
}

// replaceArg returns an edit replacing the first argument equal to arg with text; none when
// its position is unknown.
func replaceArg(c *dockerfile.Command, arg, text string) []rule.TextEdit {
	for i, a := range c.Args {
		if a != arg {
			continue
		}
		s := int(c.Words[i].Pos().Offset())
		e := int(c.Words[i].End().Offset()) - 1
		start, end := c.Part.Offsets.At(s), c.Part.Offsets.At(e)+1
		if start < 0 || end <= 0 {
			return nil
		}
		if end-start != e+1-s {
			return nil // the word spans a line continuation
		}
		return []rule.TextEdit{{Start: start, End: end, New: text}}
	}
	return nil
}
