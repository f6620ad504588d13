package rules

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// bkWarning is one warning of BuildKit's own linter, mapped to source lines.
type bkWarning struct {
	Rule      string
	Message   string
	StartLine int
	EndLine   int
}

// offlineResolver answers BuildKit's base-image metadata requests without a registry: every
// image is assumed to exist for the requested platform, with an empty config. This keeps
// BuildKit's linter offline and deterministic (a real registry lookup would make lint depend
// on the network). The price: BuildKit does not know the base image's ENV (UndefinedVar is
// filtered for that, see buildkit_undefined_var.go) nor its real platform
// (InvalidBaseImagePlatform is implemented offline, see buildkit_invalid_base_image_platform.go).
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	p := ocispecs.Platform{OS: "linux", Architecture: "amd64"}
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		p = *opt.ImageOpt.Platform
	}
	cfg, _ := json.Marshal(ocispecs.Image{Platform: p, Config: ocispecs.ImageConfig{}})
	return ref, "", cfg, nil
}

// placeholderArg is the value given to global ARGs without a default when BuildKit's linter
// has to be re-run (see buildkitWarnings).
const placeholderArg = "dockopt-placeholder"

// buildkitWarnings runs BuildKit's linter (dockerfile2llb.DockerfileLint, the code behind
// `docker build --check`) once per file and caches its warnings for the BuildKit rules.
//
// BuildKit stops at the first build error, and the most common one is a base image that
// only a --build-arg makes valid (`ARG BASE` then `FROM ${BASE}`): every warning after it
// would be lost. In that case the linter runs a second time with a placeholder value for
// the global ARGs that have no value, and that run's warnings are used when it succeeds.
// InvalidDefaultArgInFrom is computed by BuildKit from the defaults alone, so the
// placeholders do not hide it.
func buildkitWarnings(p *rule.Pass) []bkWarning {
	return p.Memo("buildkit-lint", func() any {
		f := p.File
		ws, failed := runBuildkitLint(f, f.BuildArgs)
		if !failed {
			return ws
		}
		args := map[string]string{}
		for k, v := range f.BuildArgs {
			args[k] = v
		}
		added := false
		for _, a := range f.GlobalArgs {
			ac, ok := a.Command.(*instructions.ArgCommand)
			if !ok {
				continue
			}
			for _, kv := range ac.Args {
				if _, given := args[kv.Key]; given || (kv.Value != nil && *kv.Value != "") {
					continue
				}
				args[kv.Key] = placeholderArg
				added = true
			}
		}
		if !added {
			return ws
		}
		if ws2, failed2 := runBuildkitLint(f, args); !failed2 {
			return ws2
		}
		return ws
	}).([]bkWarning)
}

// runBuildkitLint runs DockerfileLint and reports whether it stopped on a build error.
func runBuildkitLint(f *dockerfile.File, buildArgs map[string]string) (out []bkWarning, failed bool) {
	defer func() {
		if r := recover(); r != nil {
			out, failed = nil, true
		}
	}()
	sm := llb.NewSourceMap(nil, f.Path, "Dockerfile", f.Source)
	// DockerfileLint records the source map in its results and calls Definition.ToPB, which
	// panics on a nil Definition.
	sm.Definition = &llb.Definition{}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), f.Source, dockerfile2llb.ConvertOpt{
		Config:       dockerui.Config{BuildArgs: buildArgs},
		SourceMap:    sm,
		MetaResolver: offlineResolver{},
	})
	if err != nil || res == nil {
		return nil, true
	}
	for _, w := range res.Warnings {
		bw := bkWarning{Rule: w.RuleName, Message: w.Detail}
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			bw.StartLine = int(w.Location.Ranges[0].Start.Line)
			bw.EndLine = int(w.Location.Ranges[len(w.Location.Ranges)-1].End.Line)
		}
		out = append(out, bw)
	}
	return out, res.Error != nil
}

// instructionAtLine returns the instruction that starts at line, else the one spanning it.
func instructionAtLine(f *dockerfile.File, line int) *dockerfile.Instruction {
	var span *dockerfile.Instruction
	for _, in := range f.Instructions {
		if in.StartLine == line {
			return in
		}
		if span == nil && line > in.StartLine && line <= in.EndLine {
			span = in
		}
	}
	return span
}

// eachBuildkitWarning calls fn for every warning of BuildKit's rule name, with the
// instruction it points at (nil when none does).
func eachBuildkitWarning(p *rule.Pass, name string, fn func(w bkWarning, in *dockerfile.Instruction)) {
	for _, w := range buildkitWarnings(p) {
		if w.Rule == name {
			fn(w, instructionAtLine(p.File, w.StartLine))
		}
	}
}

// buildkitCheck returns a check that reports BuildKit's warnings of one rule with BuildKit's
// message (first letter lower-cased).
func buildkitCheck(name string) func(p *rule.Pass) {
	return func(p *rule.Pass) {
		eachBuildkitWarning(p, name, func(w bkWarning, in *dockerfile.Instruction) {
			reportBuildkit(p, w, in, lowerFirst(w.Message))
		})
	}
}

// reportBuildkit reports msg on the instruction a warning points at, or on its line.
func reportBuildkit(p *rule.Pass, w bkWarning, in *dockerfile.Instruction, msg string, opts ...rule.Option) {
	if in != nil {
		p.Report(in, msg, opts...)
		return
	}
	line := w.StartLine
	if line < 1 {
		line = 1
	}
	p.ReportLine(line, msg, opts...)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// buildkitDocURL is the documentation page of a BuildKit check.
func buildkitDocURL(slug string) string {
	return "https://docs.docker.com/reference/build-checks/" + slug + "/"
}
