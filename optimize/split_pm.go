package optimize

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// pmInstall is what a split needs to know about a Python project manager's installs (poetry,
// pipenv, uv: pkgmgr.VenvInstall) in the stages a stage that ships is built from.
type pmInstall struct {
	m  *pkgmgr.Manager
	vi *pkgmgr.VenvInstall
	// runs are the RUN instructions with one of its installs, in order.
	runs []*dockerfile.Instruction
	// tool is the last RUN at or before the first install that pip-installs the manager
	// itself (nil when it comes another way: an installer script, COPY --from, the base image).
	tool *dockerfile.Instruction
	// toolVersion is the manager's version that pip install pins ("" when not pinned).
	toolVersion string
}

// pmToolPackages are the pip packages that install a manager (or its plugins): they stay out
// of the virtualenv the project's dependencies go into.
var pmToolPackages = []string{"poetry", "poetry-core", "poetry-plugin-export", "pipenv", "uv"}

// findPMInstall reads the chain's Python project-manager installs: nil (and no reason) when
// there is none; a reason when they cannot be moved into a virtualenv (two managers, an
// option that installs elsewhere, pip installs before the manager's own that would land
// outside the virtualenv).
func findPMInstall(f *dockerfile.File, chain []*dockerfile.Stage) (*pmInstall, string) {
	pm := &pmInstall{}
	var pipBefore *dockerfile.Instruction
	for _, s := range chain {
		for _, in := range s.Instructions {
			if in.Cmd != "run" || in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				call := pkgmgr.ParseCommand(c)
				switch {
				case call == nil:
				case call.IsVenvInstall():
					if pm.m != nil && pm.m != call.Manager {
						return nil, fmt.Sprintf("installs with both %s and %s", pm.m.ID, call.Manager.ID)
					}
					pm.m, pm.vi = call.Manager, call.Manager.VenvInstall
					for _, o := range pm.vi.Refuse {
						if call.Has(o) {
							return nil, fmt.Sprintf("installs with `%s %s %s`, which does not use a virtualenv", call.Manager.ID, call.Sub, o)
						}
					}
					if len(pm.runs) == 0 || pm.runs[len(pm.runs)-1] != in {
						pm.runs = append(pm.runs, in)
					}
				case call.Is("pip") && call.Sub == "install" && len(pm.runs) == 0:
					if v, ok := pipInstallsOnly(call, pmToolPackages); ok {
						pm.tool, pm.toolVersion = in, v
					} else if pipBefore == nil {
						pipBefore = in
					}
				}
			}
		}
	}
	if pm.m == nil {
		return nil, ""
	}
	if pipBefore != nil && pm.tool != nil && pipBefore.StartOffset <= pm.tool.StartOffset {
		return nil, fmt.Sprintf("installs packages with pip (line %d) before it installs %s: they would stay outside the virtualenv %s fills", pipBefore.StartLine, pm.m.ID, pm.m.ID)
	}
	return pm, ""
}

// pipInstallsOnly reports whether a pip install names only packages of names, and the
// version it pins for the first one ("" when none).
func pipInstallsOnly(call *pkgmgr.Call, names []string) (string, bool) {
	pkgs := call.Packages()
	if len(pkgs) == 0 || len(call.Operands) != len(pkgs) {
		return "", false
	}
	for _, o := range call.Options {
		if o.Name == "--requirement" || o.Name == "--editable" || o.Name == "--constraint" {
			return "", false
		}
	}
	v := ""
	for _, pk := range pkgs {
		if !slices.Contains(names, strings.ToLower(pk.Name)) {
			return "", false
		}
		if v == "" && pk.Pinned && !pk.Local {
			v = pk.Version
		}
	}
	return v, true
}

// pmBuildEdits are the edits that make the manager install into venv: the virtualenv
// created where the manager does not create it, the manager's environment (pkgmgr data),
// venv/bin first in PATH once the manager itself is installed (so that pip does not install
// the manager into the venv), and the production option on installs that choose no group.
// made is true when the original created venv itself.
func pmBuildEdits(p *plan, chain []*dockerfile.Stage, pm *pmInstall, venv string, made bool) []rule.TextEdit {
	nl := p.f.Newline()
	env := "ENV " + strings.Join(pm.vi.ExpandEnv(venv), " ")
	create := ""
	if !made && !pm.vi.CreatesVenv {
		create = "RUN python -m venv " + venv + nl
	}
	pathEnv := "ENV PATH=" + venv + "/bin:$PATH"
	if made && strings.Contains(p.f.Vars(pm.runs[0])["PATH"], venv+"/bin") {
		pathEnv = ""
	}
	var edits []rule.TextEdit
	first := pm.runs[0]
	switch {
	case pm.tool == first:
		// `pip install poetry && poetry install`: PATH only after that RUN
		edits = append(edits, rule.TextEdit{Start: first.StartOffset, End: first.StartOffset, New: create + env + nl})
		if pathEnv != "" {
			edits = append(edits, rule.TextEdit{Start: first.EndOffset, End: first.EndOffset, New: nl + pathEnv})
		}
	default:
		at := chain[len(chain)-1].From.EndOffset
		if pm.tool != nil {
			at = pm.tool.EndOffset
		}
		if made {
			at = first.StartOffset
			edits = append(edits, rule.TextEdit{Start: at, End: at, New: joinNonEmpty(nl, env, pathEnv) + nl})
			break
		}
		edits = append(edits, rule.TextEdit{Start: at, End: at, New: nl + strings.TrimSuffix(create, nl) + strings.Repeat(nl, min(1, len(create))) + joinNonEmpty(nl, env, pathEnv)})
	}
	edits = append(edits, productionEdits(p, pm)...)
	return append(edits, cacheMountEdits(p, pm)...)
}

// cacheMountEdits put the manager's cache in a BuildKit cache mount on each install RUN
// (uv: https://docs.astral.sh/uv/guides/integration/docker/#caching), unless the RUN mounts
// something there already or turns the cache off: downloads are reused across builds and
// never stored in a layer.
func cacheMountEdits(p *plan, pm *pmInstall) []rule.TextEdit {
	if !pm.vi.CacheMount || len(pm.m.Caches) == 0 || pm.m.Caches[0].Mount == nil || p.opt.NoCacheMounts {
		return nil
	}
	ca := pm.m.Caches[0]
	var edits []rule.TextEdit
	for _, in := range pm.runs {
		t := text(p.f, in)
		off := false
		for _, e := range ca.DisableEnv {
			off = off || p.f.Vars(in)[e] != ""
		}
		if strings.Contains(t, "--mount") || off || !strings.HasPrefix(strings.ToUpper(t), "RUN ") {
			continue
		}
		for _, c := range in.Script.Commands {
			if call := pkgmgr.ParseCommand(c); call != nil && call.Is(pm.m.ID) && call.Has(ca.DisableOptions...) {
				off = true
			}
		}
		if !off {
			edits = append(edits, rule.TextEdit{Start: in.StartOffset + 4, End: in.StartOffset + 4, New: ca.MountFlag(p.f.Vars(in)) + " "})
		}
	}
	return edits
}

func joinNonEmpty(sep string, xs ...string) string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return strings.Join(out, sep)
}

// productionEdits add the manager's production option (poetry `--only main`, uv `--no-dev`)
// to each install that chooses no dependency group itself, unless a group variable is set
// (UV_NO_DEV) or the pinned manager predates the option.
func productionEdits(p *plan, pm *pmInstall) []rule.TextEdit {
	vi := pm.vi
	if len(vi.Production) == 0 || vi.ProductionSince != "" && pm.toolVersion != "" && versionBefore(pm.toolVersion, vi.ProductionSince) {
		return nil
	}
	re := regexp.MustCompile(`(^|[\s;&|(])` + regexp.QuoteMeta(pm.m.ID) + `\s+(` + strings.Join(vi.Subcommands, "|") + `)\b`)
	var edits []rule.TextEdit
	for _, in := range pm.runs {
		vars := p.f.Vars(in)
		chooses := false
		for _, e := range vi.GroupEnv {
			if vars[e] != "" {
				chooses = true
			}
		}
		for _, c := range in.Script.Commands {
			call := pkgmgr.ParseCommand(c)
			if call != nil && call.IsVenvInstall() && (call.Has(vi.GroupOptions...) || slices.ContainsFunc(c.Assigns, func(a string) bool {
				k, _, _ := strings.Cut(a, "=")
				return slices.Contains(vi.GroupEnv, k)
			})) {
				chooses = true
			}
		}
		if chooses {
			continue
		}
		t := text(p.f, in)
		for _, m := range re.FindAllStringIndex(t, -1) {
			edits = append(edits, rule.TextEdit{Start: in.StartOffset + m[1], End: in.StartOffset + m[1], New: " " + strings.Join(vi.Production, " ")})
		}
	}
	return edits
}

// versionBefore reports whether version v (major.minor...) is before want (major.minor).
func versionBefore(v, want string) bool {
	a, b := strings.Split(v, "."), strings.Split(want, ".")
	for i := 0; i < 2 && i < len(b); i++ {
		x, y := 0, 0
		if i < len(a) {
			x, _ = strconv.Atoi(strings.TrimLeft(a[i], "=<>~^ "))
		}
		y, _ = strconv.Atoi(b[i])
		if x != y {
			return x < y
		}
	}
	return false
}

// withoutRunnerLine rewrites a CMD or ENTRYPOINT that starts with the manager's runner
// (`poetry run uvicorn ...`) to run the program directly: the runtime stage has the
// virtualenv first in PATH and not the manager. ok is false when there is nothing to change.
func withoutRunnerLine(in *dockerfile.Instruction) (string, bool) {
	if in.Cmd != "cmd" && in.Cmd != "entrypoint" || len(in.Args) == 0 {
		return "", false
	}
	kw := strings.ToUpper(in.Cmd)
	if in.JSON {
		rest, _, ok := pkgmgr.WithoutRunner(in.Args)
		if !ok {
			return "", false
		}
		return kw + " " + jsonArray(rest), true
	}
	line := in.Args[0]
	// the runner's words are plain words at the start of the line; the rest is kept as
	// written (its quoting and shell syntax included)
	rest, _, ok := pkgmgr.WithoutRunner(strings.Fields(line))
	if !ok {
		return "", false
	}
	drop := len(strings.Fields(line)) - len(rest)
	s := strings.TrimLeft(line, " \t")
	for range drop {
		i := strings.IndexAny(s, " \t")
		if i < 0 || strings.ContainsAny(s[:i], "'\"$`\\;&|<>(){}") {
			return "", false
		}
		s = strings.TrimLeft(s[i:], " \t")
	}
	return kw + " " + s, true
}
