package optimize

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// What the Node split reads of a yarn 2+ (berry) project: that it is one, its linker, whether
// `yarn workspaces focus` is there, and how its installs treat devDependencies (the facts are
// pkgmgr.YarnBerry's).

// isYarnBerry reports whether the project uses yarn 2+ (berry): packageManager says so, or
// a file only berry reads is in the build context.
func isYarnBerry(p *plan, pkg *nodePackage) bool {
	if pkg != nil {
		if m, v, ok := pkgmgr.PackageManagerField(pkg.PackageManager); ok && m.ID == "yarn" {
			return !strings.HasPrefix(v, "1.")
		}
	}
	for _, mk := range pkgmgr.YarnBerry.Markers {
		if p.ctx != nil && p.ctx.Exists(mk) {
			return true
		}
	}
	return false
}

// yarnRC is the build context's .yarnrc.yml (nil when absent or not a YAML mapping).
func yarnRC(p *plan) map[string]any {
	data, err := readContextFile(p.ctx, ".yarnrc.yml")
	if err != nil {
		return nil
	}
	var rc map[string]any
	if yaml.Unmarshal(data, &rc) != nil {
		return nil
	}
	return rc
}

// yarnLinker is .yarnrc.yml's nodeLinker (its default when unset).
func yarnLinker(p *plan) string {
	if v, ok := yarnRC(p)[pkgmgr.YarnBerry.LinkerSetting].(string); ok && v != "" {
		return v
	}
	return pkgmgr.YarnBerry.DefaultLinker
}

// releaseMajor reads the major version of a yarn release file (.yarn/releases/yarn-4.5.3.cjs).
var releaseMajor = lazyre.New(`(?:^|/)yarn-(\d+)\.\d+\.\d+[^/]*\.c?js$`)

// berryMajor is the major version of the project's yarn: package.json's packageManager, else
// the release .yarnrc.yml's yarnPath names; 0 when neither says.
func berryMajor(p *plan, pkg *nodePackage) int {
	v := ""
	if pkg != nil {
		if m, version, ok := pkgmgr.PackageManagerField(pkg.PackageManager); ok && m.ID == "yarn" {
			v, _, _ = strings.Cut(version, ".")
		}
	}
	if yp, ok := yarnRC(p)["yarnPath"].(string); ok && v == "" {
		if m := releaseMajor.FindStringSubmatch(yp); m != nil {
			v = m[1]
		}
	}
	n, _ := strconv.Atoi(v)
	return n
}

// berryFocusMissing says why the project's yarn has no `yarn workspaces focus` (the only
// production install berry has): before yarn 4 it comes with plugin-workspace-tools, which
// .yarnrc.yml's plugins must list; "" when the command is there.
func berryFocusMissing(p *plan, pkg *nodePackage) string {
	yb := pkgmgr.YarnBerry
	major := berryMajor(p, pkg)
	if major >= yb.FocusBuiltinSince {
		return ""
	}
	plugins, _ := yarnRC(p)[yb.PluginsSetting].([]any)
	for _, pl := range plugins {
		entry := fmt.Sprint(pl)
		if m, ok := pl.(map[string]any); ok {
			entry = fmt.Sprint(m["spec"], " ", m["path"])
		}
		if strings.Contains(entry, strings.TrimPrefix(yb.FocusPlugin, "@yarnpkg/plugin-")) {
			return ""
		}
	}
	version := "yarn of unknown version (no packageManager, no yarnPath release)"
	if major > 0 {
		version = fmt.Sprintf("yarn %d", major)
	}
	return fmt.Sprintf("the devDependencies stay in the image: %s has `yarn workspaces focus --production` (berry's only install without them, %s) only with %s, which .yarnrc.yml's %s do not list (built in from yarn %d, %s)",
		version, yb.DevDependencies.Source.URL, yb.FocusPlugin, yb.PluginsSetting, yb.FocusBuiltinSince, yb.FocusPluginSource.URL)
}

// omitsDev is how an install call leaves the devDependencies out (nil when it installs them),
// with yarn berry's facts for a yarn call in a berry project: its `yarn install` installs them
// whatever NODE_ENV says.
func omitsDev(p *plan, pkg *nodePackage, call *pkgmgr.Call, in *dockerfile.Instruction) *pkgmgr.DevOmission {
	env := p.f.Vars(in)["NODE_ENV"]
	if call.Manager.ID == "yarn" && isYarnBerry(p, pkg) {
		return call.OmitsDevBy(pkgmgr.YarnBerry.DevDependencies, env)
	}
	return call.OmitsDev(env)
}

// yarnPnP says why a yarn berry project installed with Plug'n'Play is not split: node finds
// its packages only through .pnp.cjs, which yarn's own commands load, and the zips may sit
// in the user's home (enableGlobalCache); "" for any other project.
func yarnPnP(p *plan, st *dockerfile.Stage) string {
	pkg := stagePackage(p.f, p.ctx, st)
	if pkg == nil || !isYarnBerry(p, pkg) || !runsManagerIn(p.f, st, "yarn") {
		return ""
	}
	linker := yarnLinker(p)
	if linker == pkgmgr.YarnBerry.NodeModules {
		return ""
	}
	return fmt.Sprintf("%s installs with yarn berry's Plug'n'Play (nodeLinker %s, %s): node finds the packages only through %s, which yarn's commands load, and the package zips may be outside the project (%s, %s). dockopt does not split such a stage yet: set nodeLinker: node-modules in .yarnrc.yml to let it", stageLabel(st), linker, pkgmgr.YarnBerry.LinkerSource.URL, pkgmgr.YarnBerry.PnPFiles[0], pkgmgr.YarnBerry.GlobalCacheSetting, pkgmgr.YarnBerry.CacheSource.URL)
}
