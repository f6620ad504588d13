package correctness

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/servercmd"
)

var (
	// ServerExtraMissing is DO509 (server-extra-missing).
	ServerExtraMissing = &rule.Rule{
		ID:           "DO509",
		Name:         "server-extra-missing",
		Family:       rule.Correctness,
		Severity:     rule.Error,
		Fix:          rule.UnsafeFix,
		NeedsContext: true,
		Doc: rule.Doc{
			What: "Finds uvicorn's `--http httptools`, `--loop uvloop` or `--ws websockets|wsproto` and " +
				"gunicorn's `-k gevent|eventlet|tornado` when the package that implements them is " +
				"listed nowhere: not in the context's requirements*.txt, constraints, pyproject.toml, " +
				"setup.py/setup.cfg, Pipfile or lockfiles (poetry.lock, uv.lock, Pipfile.lock, " +
				"pdm.lock), nor in the requirement files they include (`-r base.txt`) or a RUN " +
				"installs with `pip install -r`, neither directly nor through the extra that pulls it in " +
				"(`uvicorn[standard]`, `gunicorn[gevent]`), and no RUN of the image names it. Needs " +
				"the build context; a context without any Python manifest is not judged. The " +
				"packages each option needs are in rules/internal/servercmd/server_options.go, next " +
				"to the servers' option tables.",
			Why: "A plain `pip install uvicorn` does not install httptools or uvloop; asking for them " +
				"makes uvicorn fail at start with ModuleNotFoundError, and gunicorn's gevent/eventlet " +
				"workers fail the same way, so the image builds and the container crash-loops.",
			Example:    "# requirements.txt: fastapi, uvicorn\nCMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\", \"--loop\", \"uvloop\"]",
			UseInstead: "# requirements.txt: fastapi, uvicorn[standard]\nCMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\", \"--loop\", \"uvloop\"]",
			Fixed:      "uvicorn asks only for implementations that are installed",
			FixNotes: "Removes uvicorn's `--http httptools` or `--loop uvloop` with its value. Without " +
				"them uvicorn uses its default, auto, which takes httptools (uvloop) when it is " +
				"installed and its built-in h11 parser (asyncio loop) otherwise, so the server " +
				"starts and answers as before, only without the faster implementation. Unsafe: " +
				"adding the package (or uvicorn[standard]) keeps the speed-up instead, which only " +
				"the author can choose. `--ws` and gunicorn's worker classes are not removed: " +
				"without them the server would behave differently (no WebSockets, sync workers).",
			References: []string{
				"https://www.uvicorn.org/installation/ (uvicorn[standard] installs uvloop and httptools)",
				"https://www.uvicorn.org/settings/#implementation",
				"https://docs.gunicorn.org/en/stable/design.html#async-workers",
			},
		},
		Check: checkServerExtra,
	}
)

// relPythonManifest reports whether a context path is a Python dependency declaration.
func relPythonManifest(p string) bool {
	for _, skip := range []string{"node_modules/", ".git/", ".venv/", "venv/", "site-packages/", "__pycache__/"} {
		if strings.HasPrefix(p, skip) || strings.Contains(p, "/"+skip) {
			return false
		}
	}
	b := strings.ToLower(path.Base(p))
	switch b {
	case "pyproject.toml", "setup.py", "setup.cfg", "pipfile", "pipfile.lock", "poetry.lock", "uv.lock", "pdm.lock":
		return true
	}
	if ext := path.Ext(b); ext == ".txt" || ext == ".in" {
		return strings.Contains(b, "requirements") || strings.Contains(b, "constraints") ||
			strings.Contains(path.Dir(p), "requirements")
	}
	return false
}

// relMaxIncludeDepth bounds how deep `-r other.txt` includes are followed.
const relMaxIncludeDepth = 8

// relDeclared returns the text of the context's Python manifests (nil when there is none),
// with the requirement files they include (`-r base.txt`, `--requirement base.txt`, relative
// to the including file) and those a RUN installs with `pip install -r`, whatever their
// name. Constraints files named with -c are not followed: they pin versions, they install
// nothing.
func relDeclared(p *rule.Pass) []string {
	return p.Memo("rel.pythonManifests", func() any {
		var out []string
		if p.Context == nil {
			return out
		}
		seen := map[string]bool{}
		var read func(rel string, depth int)
		read = func(rel string, depth int) {
			rel = path.Clean(rel)
			if seen[rel] || depth > relMaxIncludeDepth || rel == ".." || strings.HasPrefix(rel, "../") {
				return
			}
			e, ok := p.Context.Entry(rel)
			if !ok || e.IsDir || p.ReadFile == nil {
				return
			}
			seen[rel] = true
			data, err := p.ReadFile(rel)
			if err != nil {
				return
			}
			out = append(out, string(data))
			if !relRequirementsFile(rel) {
				return
			}
			for _, inc := range buildctx.ParsePipRequirements(string(data)).Requirements {
				read(path.Join(path.Dir(rel), inc), depth+1)
			}
		}
		for _, m := range relPythonManifests(p.Context) {
			read(m, 0)
		}
		for _, ref := range relPipRequirementArgs(p) {
			for _, cand := range relContextCandidates(p, ref) {
				read(cand, 0)
			}
		}
		return out
	}).([]string)
}

// relPythonManifests are the context's Python manifests (relPythonManifest), found once per
// directory for all its Dockerfiles.
func relPythonManifests(ctx *buildctx.Context) []string {
	return ctx.Shared("rules.pythonManifests", func() any {
		var out []string
		for _, e := range ctx.Entries {
			if !e.IsDir && relPythonManifest(e.Path) {
				out = append(out, e.Path)
			}
		}
		return out
	}).([]string)
}

// relRequirementsFile reports whether a manifest is in pip's requirements format (the other
// manifests have no -r includes).
func relRequirementsFile(rel string) bool {
	switch b := strings.ToLower(path.Base(rel)); {
	case b == "pyproject.toml", b == "setup.py", b == "setup.cfg", b == "pipfile", strings.HasSuffix(b, ".lock"):
		return false
	}
	return true
}

// relPipRequirementArgs returns the files the image's RUNs pass to pip install -r.
func relPipRequirementArgs(p *rule.Pass) []string {
	var out []string
	for _, in := range p.File.Instructions {
		if in.Script == nil {
			continue
		}
		for _, c := range in.Script.Commands {
			call := pkgmgr.ParseCommand(c)
			if call == nil || call.Manager.Ecosystem != "python" {
				continue
			}
			reqs, _ := buildctx.PipInstallRefs(call)
			out = append(out, reqs...)
		}
	}
	return out
}

// relContextCandidates maps a path inside the image to the context files it may have been
// copied from: the same relative path, else any file with the same name.
func relContextCandidates(p *rule.Pass, ref string) []string {
	if ref == "" || strings.Contains(ref, "$") || strings.Contains(ref, "://") {
		return nil
	}
	rel := strings.TrimPrefix(path.Clean("/"+ref), "/")
	if p.Context.Exists(rel) {
		return []string{rel}
	}
	var out []string
	base := path.Base(rel)
	for _, e := range p.Context.Entries {
		if !e.IsDir && path.Base(e.Path) == base {
			out = append(out, e.Path)
		}
	}
	return out
}

// relNamesPackage reports whether text names a Python package (PEP 503: case, - _ . alike) or
// the extra that includes it.
func relNamesPackage(text, pkg, extra string) bool {
	norm := strings.NewReplacer("_", "[-_.]", "-", "[-_.]", ".", "[-_.]").Replace(regexp.QuoteMeta(pkg))
	if regexp.MustCompile(`(?i)(^|[^a-z0-9_.-])` + norm + `($|[^a-z0-9_.-])`).MatchString(text) {
		return true
	}
	if extra == "" {
		return false
	}
	base, ex, _ := strings.Cut(strings.TrimSuffix(extra, "]"), "[")
	// uvicorn[standard], uvicorn[standard,foo], and poetry's uvicorn = {extras = ["standard"]}
	if regexp.MustCompile(`(?i)` + regexp.QuoteMeta(base) + `\s*\[[^\]\n]*\b` + regexp.QuoteMeta(ex) + `\b[^\]\n]*\]`).MatchString(text) {
		return true
	}
	return regexp.MustCompile(`(?im)^\s*"?` + regexp.QuoteMeta(base) + `"?\s*=.*extras.*\b` + regexp.QuoteMeta(ex) + `\b`).MatchString(text)
}

func checkServerExtra(p *rule.Pass) {
	if p.Context == nil {
		return
	}
	manifests := relDeclared(p)
	for _, call := range servercmd.CallsOf(p) {
		if call.Spec == nil {
			continue
		}
		if img := dockerfile.ParseImageRef(p.File.RootImage(call.Stage)); strings.Contains(strings.ToLower(img.Familiar()), call.Kind) {
			continue // an image built for this server brings its extras
		}
		for _, o := range call.Options() {
			if o.Opt == nil || !o.HasValue || !o.Value.Literal {
				continue
			}
			opt := o.Opt.Name
			if opt == "-k" {
				opt = "--worker-class"
			}
			need, ok := call.Spec.Needs[opt+" "+o.Value.Value]
			if !ok {
				continue
			}
			// the image's own RUN instructions may install it
			var texts []string
			for _, st := range p.File.StageChain(call.Stage) {
				for _, in := range st.Instructions {
					if in.Cmd == "run" || in.Cmd == "onbuild" {
						texts = append(texts, in.Text(p.File))
					}
				}
			}
			evidence := len(manifests) > 0
			found := false
			for _, t := range append(texts, manifests...) {
				if relNamesPackage(t, need.Package, need.Extra) {
					found = true
				}
			}
			if found || !evidence {
				continue
			}
			alt := ""
			if need.Extra != "" {
				alt = " or " + need.Extra
			}
			var edits []rule.TextEdit
			if need.Default != "" {
				edits = call.RemoveOption(p.File, o)
			}
			servercmd.ReportArg(p, relValueOrOption(o), fmt.Sprintf("%s %s %s needs the %s package, which no requirements file, pyproject.toml, lockfile or RUN installs: add %s%s",
				call.Kind, o.Name, o.Value.Value, need.Package, need.Package, alt),
				rule.WithFix(fmt.Sprintf("remove %s %s (%s)", o.Name, o.Value.Value, need.Default), edits...))
		}
	}
}
