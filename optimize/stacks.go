package optimize

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
)

// stackNames name the ecosystems of buildctx.Manifests that have no recipe yet.
var stackNames = map[string]string{"java": "Java", "rust": "Rust", "ruby": "Ruby", "php": "PHP"}

// unhandledStack names the stacks the build context's root manifests show that dockopt has
// no recipe for (Java, Rust, Ruby, PHP), with the files that show them: "" when none.
// Nothing is declined silently: the report says which stack got only the generic passes.
func unhandledStack(ctx *buildctx.Context) string {
	if ctx == nil {
		return ""
	}
	var found []string
	for eco, names := range buildctx.Manifests() {
		stack, ok := stackNames[eco]
		if !ok {
			continue
		}
		var files []string
		for _, n := range names {
			if ctx.Exists(n) {
				files = append(files, n)
			}
		}
		if len(files) > 0 {
			found = append(found, fmt.Sprintf("%s (%s)", stack, strings.Join(files, ", ")))
		}
	}
	if len(found) == 0 {
		return ""
	}
	sort.Strings(found)
	return fmt.Sprintf("a %s project: dockopt has no rewrite for this stack yet, so only the planner's generic passes (safe fixes, non-root user, HEALTHCHECK, server options) were applied", strings.Join(found, " and "))
}
