package optimize

import (
	"fmt"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

// serverFrontendNote is what the report says of a stage whose front-end stack dockopt
// recognises but whose build is a server, not a static site (pkgmgr.ServerFrontends: Astro
// with on-demand rendering, Nuxt's server build, SvelteKit with adapter-node); "" for any
// other stage. Nothing is declined silently.
func serverFrontendNote(f *dockerfile.File, ctx *buildctx.Context, st *dockerfile.Stage) string {
	pkg := stagePackage(f, ctx, st)
	if pkg == nil {
		return ""
	}
	built := func(cmd []string) bool {
		for _, s := range f.BuildOrder(st) {
			for _, in := range s.Instructions {
				if in.Script == nil {
					continue
				}
				for _, c := range in.Script.Commands {
					if buildCommand(pkg, append([]string{c.Name}, c.Args...), cmd, 0) != nil {
						return true
					}
				}
			}
		}
		return false
	}
	sf, where := pkgmgr.ServerFrontendFor(contextConfig(ctx), built, pkg.Dependencies, pkg.DevDeps)
	if sf == nil {
		return ""
	}
	return fmt.Sprintf("%s is %s (%s): %s (%s); dockopt does not serve it as a static front-end (no nginx or static-server runtime), the Node passes apply", stageLabel(st), sf.Name, where, sf.Why, sf.Source.URL)
}

// unservedFrontendNote is what the report says of a stage that builds a static front-end
// (pkgmgr.Frontends) but starts a command that is neither a static server nor a preview or
// development server dockopt knows (an app server of its own, say): the build is not moved
// to a runtime of its own, and the note names the framework. "" for any other stage.
func unservedFrontendNote(f *dockerfile.File, ctx *buildctx.Context, st *dockerfile.Stage) string {
	pkg := stagePackage(f, ctx, st)
	words := stageCommand(f, st)
	if pkg == nil || words == nil {
		return ""
	}
	fw := frontendOf(ctx, pkg)
	if fw == nil || frontendStack(f, ctx, st) != "" {
		return ""
	}
	if serve, _, _ := frontendServer(pkg, fw, words); serve != nil {
		return "" // a development server in a development stage, or a server of another directory
	}
	build := frontendBuiltAt(f, ctx, st, pkg, fw)
	if build == "" {
		return ""
	}
	return fmt.Sprintf("%s builds a %s site (`%s`, %s), but its command `%s` is neither a static server nor a preview server dockopt knows: the build output was not moved to a runtime of its own", stageLabel(st), fw.Name, build, fw.Source.URL, commandText(words))
}
