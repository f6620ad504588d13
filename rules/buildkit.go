package rules

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"

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
// on the network).
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	p := ocispecs.Platform{OS: "linux", Architecture: "amd64"}
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		p = *opt.ImageOpt.Platform
	}
	cfg, _ := json.Marshal(ocispecs.Image{Platform: p, Config: ocispecs.ImageConfig{}})
	return ref, "", cfg, nil
}

// buildkitWarnings runs BuildKit's linter (dockerfile2llb.DockerfileLint, the code behind
// `docker build --check`) once per file and caches its warnings for the BuildKit rules.
func buildkitWarnings(p *rule.Pass) []bkWarning {
	return p.Memo("buildkit-lint", func() any {
		f := p.File
		src := f.Source
		sm := llb.NewSourceMap(nil, f.Path, "Dockerfile", src)
		res, err := dockerfile2llb.DockerfileLint(context.Background(), src, dockerfile2llb.ConvertOpt{
			Config:       dockerui.Config{BuildArgs: f.BuildArgs},
			SourceMap:    sm,
			MetaResolver: offlineResolver{},
		})
		if err != nil || res == nil {
			return []bkWarning(nil)
		}
		var out []bkWarning
		for _, w := range res.Warnings {
			bw := bkWarning{Rule: w.RuleName, Message: w.Detail}
			if w.Location != nil && len(w.Location.Ranges) > 0 {
				bw.StartLine = int(w.Location.Ranges[0].Start.Line)
				bw.EndLine = int(w.Location.Ranges[len(w.Location.Ranges)-1].End.Line)
			}
			out = append(out, bw)
		}
		return out
	}).([]bkWarning)
}

// buildkitCheck returns a check that reports BuildKit's warnings of one rule.
func buildkitCheck(name string) func(p *rule.Pass) {
	return func(p *rule.Pass) {
		for _, w := range buildkitWarnings(p) {
			if w.Rule != name {
				continue
			}
			line := w.StartLine
			if line < 1 {
				line = 1
			}
			msg := w.Message
			if msg != "" {
				msg = strings.ToLower(msg[:1]) + msg[1:]
			}
			p.ReportLine(line, msg)
		}
	}
}
