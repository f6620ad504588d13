package optimize

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

// pythonSplitGainsNothing says why the Python recipe's builder/runtime split would gain
// nothing ("" when it would): the original already runs on a slim python image (a Debian tag
// with no slimmer variant, dockerfile.SlimVariantTag) and installs no build-only Debian
// packages (pkgmgr's -dev packages and compilers, or -dev packages it does not know), so a
// builder would keep nothing out of the image, while its virtualenv adds pip and setuptools
// and a second stage's build time. Building for other platforms (--platform: the builder
// installs on the build platform) or another runtime base (--runtime) needs the split.
func pythonSplitGainsNothing(a *analysis, opt Options) string {
	if len(opt.Platforms) > 0 || opt.Runtime != "" && opt.Runtime != RuntimeSlim {
		return ""
	}
	if _, slimmer := dockerfile.SlimVariantTag(a.baseTag); slimmer || !dockerfile.IsDebianTag(a.baseTag) {
		return ""
	}
	if build, _, unknown := splitPackages(a.aptPackages); len(build)+len(unknown) > 0 {
		return ""
	}
	return fmt.Sprintf("the base image %s is already slim and the build installs no build-only packages (no compiler or -dev headers): a builder stage would leave nothing out of the image, and its virtualenv would add pip and setuptools to it; the multi-stage Python recipe was not applied, the generic improvements were", baseImageOf(a))
}

// pythonRecipeProbe is a HEALTHCHECK command that asks the service for path on port with the
// image's own python (urllib.request: slim images have no curl).
func pythonRecipeProbe(port int, path string) []string {
	return []string{"python", "-c", fmt.Sprintf("import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:%d%s', timeout=4).status < 400 else 1)", port, path)}
}

// pythonHealthInPlace adds to out (the generic passes' output for a Python service the recipe
// does not rewrite) the HEALTHCHECK the recipe would have written: the python probe of the
// health route found (or --health-path) on the exposed port, before the stage's command.
// out is returned unchanged when its stage already has a check, or no port or route is known.
func pythonHealthInPlace(f *dockerfile.File, out string, a *analysis, opt Options, res *Result) string {
	nf, err := dockerfile.Parse(f.Path, []byte(out), dockerfile.Options{BuildArgs: opt.BuildArgs})
	st := nf.FinalStage()
	if err != nil || st == nil || hasHealthcheck(nf, st) || a.port == 0 || a.portHint || opt.HealthPath == "" {
		return out
	}
	at := len(out)
	for _, in := range st.Instructions {
		if in.Cmd == "cmd" || in.Cmd == "entrypoint" {
			at = in.StartOffset
			break
		}
	}
	hc := healthcheckLine(pythonRecipeProbe(a.port, opt.HealthPath))
	nl := nf.Newline()
	hcText := strings.ReplaceAll(hc, "\n", nl) + nl
	if at == len(out) && !strings.HasSuffix(out, nl) {
		hcText = nl + hcText
	}
	res.Healthcheck, res.Port = hc, a.port
	res.Notes = slices.DeleteFunc(res.Notes, func(n string) bool { return n == noHealthNote })
	res.Changes = append(res.Changes, Change{
		Title:  "A HEALTHCHECK that works in the image",
		Why:    fmt.Sprintf("Docker (and compose, Swarm) then know when the service is ready and restart it when it stops answering. The probe uses python, which the image already has, instead of adding curl; it expects GET %s (%s) to answer with a status below 400.", opt.HealthPath, healthSource(a)),
		Rules:  []string{"DO401"},
		Before: "(none)",
		After:  hc,
	})
	return out[:at] + hcText + out[at:]
}

// pythonVenvRun is the RUN that creates the recipe's virtualenv at venv. Before Python 3.12,
// `python -m venv` also installs setuptools (https://docs.python.org/3.12/whatsnew/3.12.html:
// "ensurepip no longer installs setuptools"), which no code needs to run unless it imports it:
// it is uninstalled at once, before the dependencies, so pip installs it again for a package
// that declares it. It stays when the application's source names pkg_resources or setuptools,
// or the original builds without build isolation (which uses the environment's setuptools).
func pythonVenvRun(ctx *buildctx.Context, a *analysis, venv string) string {
	run := "RUN python -m venv " + venv
	if pythonAtLeast(a.baseTag, 12) || sourceMentions(ctx, "pkg_resources", ".py") || sourceMentions(ctx, "setuptools", ".py") || a.noBuildIsolation {
		return run
	}
	return run + " \\\n && " + venv + "/bin/python -m pip uninstall --yes setuptools"
}
