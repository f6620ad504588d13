package measure

import (
	"context"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/engine"
)

// inspector is what reading images needs of the engine.
type inspector interface {
	InspectImage(ctx context.Context, ref string) (*engine.Image, error)
}

// bases inspects the base images of both Dockerfiles.
func bases(ctx context.Context, eng inspector, sides []*side, target string) []Base {
	var out []Base
	index := map[string]int{}
	for _, s := range sides {
		refs := baseRefs(s.file, target)
		frontend := syntaxRef(s.file)
		if frontend != "" {
			refs = append([]string{frontend}, refs...)
		}
		for _, ref := range refs {
			if i, ok := index[ref]; ok {
				if !contains(out[i].UsedBy, s.name) {
					out[i].UsedBy = append(out[i].UsedBy, s.name)
				}
				continue
			}
			b := Base{Ref: ref, UsedBy: []string{s.name}, Frontend: ref == frontend}
			if im, err := eng.InspectImage(ctx, ref); err != nil {
				b.Missing = "not in the engine's local image store: " + firstLine(err.Error())
			} else {
				b.ID = im.ID
				if len(im.RepoDigests) > 0 {
					b.Digest = im.RepoDigests[0]
				}
				b.StandIn = im.Labels["org.dockopt.standin"] == "true"
				b.StandInFor, b.StandInNote = im.Labels["org.dockopt.standin.for"], im.Labels["org.dockopt.standin.note"]
			}
			index[ref] = len(out)
			out = append(out, b)
			if !b.Frontend {
				s.img.Bases = append(s.img.Bases, ref)
			}
		}
	}
	return out
}

// syntaxRef is the frontend image a Dockerfile's `# syntax=` line names ("" for none):
// BuildKit builds the file with that image instead of its built-in frontend
// (https://docs.docker.com/build/buildkit/frontend/).
func syntaxRef(f *dockerfile.File) string {
	if f == nil {
		return ""
	}
	for _, d := range f.Directives {
		if strings.EqualFold(d.Name, "syntax") {
			return strings.TrimSpace(d.Value)
		}
	}
	return ""
}

// baseRefs lists the external base images (not scratch, not earlier stages, not unresolvable
// ones) of a Dockerfile's stages up to the build target ("" for all), in order, once each.
func baseRefs(f *dockerfile.File, target string) []string {
	if f == nil {
		return nil
	}
	last := builtStage(f, target)
	var out []string
	for _, st := range f.Stages {
		if last != nil && st.Index > last.Index {
			break
		}
		ref := st.BaseImage
		if ref == "" || strings.EqualFold(ref, "scratch") || f.BaseStage(st) != nil || contains(out, ref) {
			continue
		}
		out = append(out, ref)
	}
	return out
}

// usesCacheMount reports whether a Dockerfile has a RUN --mount=type=cache.
func usesCacheMount(f *dockerfile.File) bool {
	if f == nil {
		return false
	}
	for _, st := range f.Stages {
		for _, in := range st.Instructions {
			for _, m := range in.FlagValues("mount") {
				for _, kv := range strings.Split(m, ",") {
					if strings.TrimSpace(kv) == "type=cache" {
						return true
					}
				}
			}
		}
	}
	return false
}

// builtStage is the stage a build of target produces: the stage of that name, or the last
// stage when target is "" (nil when there is none).
func builtStage(f *dockerfile.File, target string) *dockerfile.Stage {
	if target == "" {
		return f.FinalStage()
	}
	return f.StageByName(target)
}

// finalBase follows the built stage's FROM through earlier stages to an external image, and
// returns it with its layer diff IDs (nil when it is scratch or cannot be inspected).
func finalBase(ctx context.Context, eng *engine.Engine, f *dockerfile.File, target string) (string, []string) {
	if f == nil || len(f.Stages) == 0 {
		return "", nil
	}
	st := builtStage(f, target)
	if st == nil {
		return "", nil
	}
	for i := 0; i < len(f.Stages); i++ {
		prev := f.BaseStage(st)
		if prev == nil {
			break
		}
		st = prev
	}
	ref := st.BaseImage
	if ref == "" || strings.EqualFold(ref, "scratch") {
		return "", nil
	}
	im, err := eng.InspectImage(ctx, ref)
	if err != nil {
		return "", nil
	}
	return ref, im.LayerDiffIDs
}
