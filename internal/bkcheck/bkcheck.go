// Package bkcheck runs BuildKit's own Dockerfile linter (dockerfile2llb.DockerfileLint, the
// code behind `docker build --check`) offline, for tests: the oracle of the BuildKit rules
// (rules/buildkit_oracle_test.go) and the check that fixes add no BuildKit warning
// (corpus/fix_safety_test.go). Base-image metadata comes from a resolver that answers every
// image with an empty configuration for the requested platform, so no registry is needed.
// Only tests import it: the dockopt binary does not link BuildKit's converter.
package bkcheck

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// Warning is one warning of BuildKit's build checks.
type Warning struct {
	Rule    string // the check's name, e.g. "StageNameCasing"
	Message string // as `docker build --check` prints it
	// StartLine and EndLine are 1-based; 0 when BuildKit gives no location.
	StartLine, EndLine int
}

// offlineResolver answers BuildKit's base-image metadata requests without a registry: every
// image exists for the requested platform, with an empty configuration.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	p := ocispecs.Platform{OS: "linux", Architecture: "amd64"}
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		p = *opt.ImageOpt.Platform
	}
	cfg, _ := json.Marshal(ocispecs.Image{Platform: p, Config: ocispecs.ImageConfig{}})
	return ref, "", cfg, nil
}

// Lint runs DockerfileLint over src (read from path, for locations) with buildArgs. buildErr
// is BuildKit's error when it stopped at a build error (warnings after it are lost), or a
// lint failure or panic; "" when it ran to the end.
func Lint(path string, src []byte, buildArgs map[string]string) (out []Warning, buildErr string) {
	defer func() {
		if r := recover(); r != nil {
			out, buildErr = nil, fmt.Sprint("panic: ", r)
		}
	}()
	sm := llb.NewSourceMap(nil, path, "Dockerfile", src)
	sm.Definition = &llb.Definition{} // DockerfileLint calls Definition.ToPB
	res, err := dockerfile2llb.DockerfileLint(context.Background(), src, dockerfile2llb.ConvertOpt{
		Config:       dockerui.Config{BuildArgs: buildArgs},
		SourceMap:    sm,
		MetaResolver: offlineResolver{},
	})
	if err != nil || res == nil {
		return nil, fmt.Sprint("lint failed: ", err)
	}
	for _, w := range res.Warnings {
		bw := Warning{Rule: w.RuleName, Message: w.Detail}
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			bw.StartLine = int(w.Location.Ranges[0].Start.Line)
			bw.EndLine = int(w.Location.Ranges[len(w.Location.Ranges)-1].End.Line)
		}
		out = append(out, bw)
	}
	if res.Error != nil {
		buildErr = res.Error.Message
	}
	return out, buildErr
}
