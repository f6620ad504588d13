package optimize

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// planRuntime decides the runtime stage for a split of stage st, from the toolchain image it
// is built on: nil when st is not built on one dockopt knows how to split (why then says what
// was not done, or is "" when there is nothing to say).
func planRuntime(p *plan, st *dockerfile.Stage) (*runtimePlan, string) {
	root := p.f.RootImage(st)
	repo, tag := splitImage(root)
	switch path.Base(repo) {
	case "golang":
		return goRuntime(p, st)
	case "node":
		if dockerfile.IsSmallVariantTag(tag) {
			return nil, ""
		}
		return nodeRuntime(p, st, repo, tag)
	case "python":
		if dockerfile.IsSmallVariantTag(tag) {
			return nil, ""
		}
		return pythonRuntime(p, st, repo, tag)
	}
	return nil, ""
}

// goBuildEnv are the Go toolchain's environment variables (https://pkg.go.dev/cmd/go#hdr-Environment_variables):
// a compiled program does not read them.
var goBuildEnv = []string{"CGO_ENABLED", "GOPATH", "GOCACHE", "GOMODCACHE", "GOFLAGS", "GOOS", "GOARCH", "GOAMD64", "GOARM",
	"GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOINSECURE", "GO111MODULE", "GOTOOLCHAIN", "GOEXPERIMENT", "CGO_CFLAGS", "CGO_LDFLAGS"}

// goRuntime: the binary that CMD/ENTRYPOINT runs, built by `go build -o` in the stage's chain.
func goRuntime(p *plan, st *dockerfile.Stage) (*runtimePlan, string) {
	wd := p.f.WorkdirEnd(st)
	prog := stageProgram(p.f, st)
	if prog == "" || prog == "go" || wd == "" {
		return nil, ""
	}
	prog = cleanAbs(prog, wd)
	var build *dockerfile.Instruction
	cgoOff := false
	for _, s := range p.f.StageChain(st) {
		for _, in := range s.Instructions {
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				call := pkgmgr.ParseCommand(c)
				if call == nil || !call.Is("go") || call.Sub != "build" {
					continue
				}
				out, ok := call.Value("-o")
				if !ok || cleanAbs(out, p.f.WorkdirAt(in)) != prog {
					continue
				}
				build = in
				cgoOff = p.f.Vars(in)["CGO_ENABLED"] == "0"
				for _, a := range c.Assigns {
					if a == "CGO_ENABLED=0" {
						cgoOff = true
					}
				}
			}
		}
	}
	if build == nil {
		return nil, fmt.Sprintf("%s is built on %s and runs %s, which no `go build -o` of the Dockerfile writes: the build was not moved to its own stage", stageLabel(st), p.f.RootImage(st), prog)
	}
	rt := &runtimePlan{copies: [][2]string{{prog, prog}}, what: "the binary " + prog, buildEnv: goBuildEnv}
	if cgoOff {
		rt.base = "scratch"
		rt.copies = append(rt.copies, [2]string{"/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs/ca-certificates.crt"})
		rt.what += " and the CA certificates"
		rt.why = "It is built with CGO_ENABLED=0: a static binary needs no C library, so the image holds nothing else."
	} else {
		goLibcSplit(p, st, rt)
	}
	if len(p.opt.Platforms) > 0 {
		p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("%s's build is the original's: it was not made to cross-compile for %s (its go build sets no GOOS/GOARCH from $TARGETOS/$TARGETARCH), so each platform builds on its own golang image (on a builder of another platform, under emulation)", stageLabel(st), strings.Join(p.opt.Platforms, ", ")))
	}
	for _, r := range p.a.refs.Read {
		dst := path.Join(wd, r)
		rt.copies = append(rt.copies, [2]string{dst, dst})
		rt.what += ", " + r
	}
	return rt, ""
}

// goLibcSplit makes rt the runtime of a binary that may link the C library (cgo not disabled):
// the slim image of the build image's C library and release (goLibcRuntime), the build
// pinned to a Debian release where its tag names none, and why, with what needs cgo.
func goLibcSplit(p *plan, st *dockerfile.Stage, rt *runtimePlan) {
	root := p.f.RootStage(st)
	_, tag := splitImage(root.BaseName)
	base, pinned, why := goLibcRuntime(tag)
	rt.base = base
	rt.copies = append(rt.copies, [2]string{"/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs/ca-certificates.crt"})
	rt.what += " and the CA certificates"
	cgo := detectCgo(p.ctx, "")
	if cgo.needed() {
		rt.why = "The program needs cgo (" + strings.Join(cgo.reasons, "; ") + "): "
	} else {
		rt.why = "cgo is not disabled (no CGO_ENABLED=0), so the binary may link the C library (the net and os/user packages do when cgo is on): "
	}
	if pinned != "" {
		repo, _ := splitImage(root.BaseName)
		img := repo + ":" + pinned
		from := p.f.Source[root.From.StartOffset:root.From.EndOffset]
		i := strings.Index(string(from), root.BaseName)
		if strings.Contains(root.BaseName, "$") || i < 0 {
			why = "debian:bookworm-slim has the glibc of the golang image's bookworm variant; a golang tag without a Debian release follows the image's default release, so build on the -bookworm variant if the binary does not start."
		} else {
			rt.buildEdits = append(rt.buildEdits, rule.TextEdit{Start: root.From.StartOffset + i, End: root.From.StartOffset + i + len(root.BaseName), New: img})
		}
	}
	rt.why += why
}

// nodeRuntime: the working directory as built (source and node_modules), on node's slim
// variant of the same version, with the distribution packages the stage installed for run
// time.
func nodeRuntime(p *plan, st *dockerfile.Stage, repo, tag string) (*runtimePlan, string) {
	wd := p.f.WorkdirEnd(st)
	if wd == "" || wd == "/" {
		return nil, fmt.Sprintf("%s runs on %s without a WORKDIR: dockopt cannot tell which files the service needs, so the build was not moved to its own stage", stageLabel(st), p.f.RootImage(st))
	}
	slim, ok := dockerfile.SlimVariantTag(tag)
	if !ok {
		return nil, ""
	}
	var pkgs []string
	extra := map[string]bool{}
	cmd := stageCommand(p.f, st)
	for _, s := range p.f.StageChain(st) {
		for _, in := range s.Instructions {
			switch in.Cmd {
			case "run":
				if in.Script == nil {
					continue
				}
				for _, c := range in.Script.Commands {
					call := pkgmgr.ParseCommand(c)
					if call != nil && call.Manager.Ecosystem == "node" && (call.Has("-g", "--global") || call.Sub == "global add") && runsGlobal(cmd, call.Operands) {
						return nil, fmt.Sprintf("%s runs a Node package it installs globally (%s): dockopt does not yet carry global packages into a slim runtime, so the build was not moved to its own stage", stageLabel(st), strings.Join(c.Args, " "))
					}
				}
			case "copy", "add":
				if len(in.Args) < 2 {
					continue
				}
				dst, ok := p.f.Expand(in, in.Args[len(in.Args)-1])
				if !ok {
					return nil, ""
				}
				dst = cleanAbs(dst, p.f.WorkdirAt(in))
				if dst != wd && !strings.HasPrefix(dst, wd+"/") {
					extra[dst] = true
				}
			}
		}
		pkgs = append(pkgs, pkgmgr.Installed(p.f, s)...)
	}
	_, runtime, unknown := splitPackages(pkgs)
	if len(unknown) > 0 {
		return nil, fmt.Sprintf("%s installs %s, whose run-time libraries dockopt does not know: the build was not moved to its own stage", stageLabel(st), strings.Join(unknown, ", "))
	}
	rt := &runtimePlan{base: repo + ":" + slim}
	if len(runtime) > 0 {
		rt.setup = append(rt.setup, "RUN apt-get update \\\n    && apt-get install -y --no-install-recommends "+strings.Join(runtime, " ")+" \\\n    && rm -rf /var/lib/apt/lists/*")
	}
	if lines, ok := recopy(p, st, wd); ok {
		// node_modules first, then the COPY instructions again: a code change rebuilds only
		// the code's layers, as in the original
		rt.copies = [][2]string{{wd + "/node_modules", wd + "/node_modules"}}
		rt.contextCopies = lines
		rt.what = wd + "/node_modules as installed, then the files the stage copied, copied again in the same order"
	} else {
		rt.copies = [][2]string{{wd, wd}}
		rt.what = wd + " as built (source and node_modules)"
		for _, d := range sortedKeys(extra) {
			rt.copies = append(rt.copies, [2]string{d, d})
			rt.what += ", " + d
		}
	}
	rt.why = fmt.Sprintf("%s is the same Node.js on Debian without compilers and headers; node_modules is copied as the build installed it (native modules built there run on the same Debian).", rt.base)
	return rt, ""
}

// runsGlobal reports whether a command line runs one of the globally installed packages
// (pnpm@9 counts as pnpm); a command that cannot be read counts as running them.
func runsGlobal(cmd, pkgs []string) bool {
	if len(cmd) == 0 {
		return true
	}
	idx, _ := pkgmgr.ProgramIndex(cmd)
	if idx < 0 {
		return true
	}
	prog := pkgmgr.ProgramBase(cmd[idx])
	for _, p := range pkgs {
		name := p
		if i := strings.LastIndex(name, "@"); i > 0 {
			name = name[:i]
		}
		if path.Base(name) == prog {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// housekeeping are commands a dependency-install RUN may run besides the package managers:
// they leave nothing the runtime needs.
var housekeeping = map[string]bool{"rm": true, "mkdir": true, "ln": true, "chown": true, "chmod": true, "echo": true,
	"true": true, "set": true, "corepack": true, "touch": true, "printf": true}

// recopy returns the COPY and ADD instructions of stage st and the stages it is built FROM,
// in order, with absolute destinations, when everything else those stages do is installing
// dependencies in the working directory wd (so node_modules is the only thing the build adds
// there): the runtime stage can then copy node_modules from the build and the files again.
// ok is false when a RUN does anything else (a build step), an install runs in another
// directory, or a COPY cannot be written again exactly.
func recopy(p *plan, st *dockerfile.Stage, wd string) ([]string, bool) {
	var lines []string
	installs := 0
	for _, s := range reverseChain(p.f.StageChain(st)) {
		for _, in := range s.Instructions[1:] {
			switch in.Cmd {
			case "run":
				if in.Script == nil || in.Script.Err != nil {
					return nil, false
				}
				for _, c := range in.Script.Commands {
					call := pkgmgr.ParseCommand(c)
					switch {
					case call != nil && call.Manager.Ecosystem == "node" && call.Action == pkgmgr.Install && len(call.Operands) == 0 && !call.Has("-g", "--global"):
						if p.f.WorkdirAt(in) != wd {
							return nil, false
						}
						installs++
					case call != nil && call.Is(pkgmgr.OSManagers...):
					case call != nil && call.Manager.Ecosystem == "node" && (call.Has("-g", "--global") || call.Sub == "global add"):
					case housekeeping[c.Name]:
					default:
						return nil, false
					}
				}
			case "copy", "add":
				line, ok := absoluteCopy(p, in)
				if !ok {
					return nil, false
				}
				lines = append(lines, line)
			}
		}
	}
	return lines, installs > 0
}

// absoluteCopy writes a COPY or ADD again with its destination made absolute (the runtime
// stage has only the final WORKDIR); false when a word holds a variable, a space or a quote.
func absoluteCopy(p *plan, in *dockerfile.Instruction) (string, bool) {
	if len(in.Args) < 2 || len(in.Heredocs) > 0 {
		return "", false
	}
	for _, a := range in.Args {
		if strings.ContainsAny(a, "$ \t\"'") {
			return "", false
		}
	}
	for _, fl := range in.Flags {
		if strings.ContainsAny(fl.Value, "$ ") {
			return "", false
		}
	}
	dest := in.Args[len(in.Args)-1]
	abs := cleanAbs(dest, p.f.WorkdirAt(in))
	if strings.HasSuffix(dest, "/") || dest == "." || len(in.Args) > 2 {
		abs = strings.TrimSuffix(abs, "/") + "/"
	}
	return strings.ToUpper(in.Cmd) + " " + flagText(in) + strings.Join(in.Args[:len(in.Args)-1], " ") + " " + abs, true
}
