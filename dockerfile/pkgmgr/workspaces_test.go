package pkgmgr

import (
	"slices"
	"testing"
)

func TestWorkspaceInstallCommand(t *testing.T) {
	for _, c := range []struct {
		id   string
		root bool
		want []string
	}{
		{"npm", false, []string{"ci", "--workspace=@mono/api", "--omit=dev"}},
		{"npm", true, []string{"ci", "--workspace=@mono/api", "--omit=dev", "--include-workspace-root"}},
		{"pnpm", true, []string{"install", "--frozen-lockfile", "--prod", "--filter", "@mono/api...", "--filter", "."}},
		{"yarn", true, []string{"install", "--frozen-lockfile", "--production"}},
		{"yarn-berry", false, []string{"workspaces", "focus", "@mono/api", "--production"}},
	} {
		wi := WorkspaceInstalls[c.id]
		if got := wi.Command("@mono/api", c.root); !slices.Equal(got, c.want) {
			t.Errorf("%s root=%v: %q, want %q", c.id, c.root, got, c.want)
		}
		if wi.Source.URL == "" || !wi.Focused && wi.Why == "" {
			t.Errorf("%s: no source, or unfocused without a reason", c.id)
		}
	}
	for id := range WorkspaceDecls {
		if ByID(id) == nil {
			t.Errorf("workspaces declared for an unknown manager %q", id)
		}
	}
}
