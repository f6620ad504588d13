package pkgmgr

import "strings"

// Facts about Node monorepos (workspaces): where a project declares its workspaces, and how
// each manager installs one workspace's production dependencies only (with the local
// workspace packages it depends on), so that an image that runs one app of the monorepo does
// not receive the others' dependencies.

// WorkspaceDecl is where a manager reads a project's workspaces: a key of package.json
// (npm, yarn), or the packages list of pnpm-workspace.yaml. Either holds glob patterns of
// directories, each with its own package.json.
type WorkspaceDecl struct {
	// File is the file that declares them; Key the field that holds the patterns (in yarn
	// classic also {"packages": [...]}, PackagesKey).
	File, Key, PackagesKey string
	Source                 Source
}

// WorkspaceDecls are, by manager, where the workspaces are declared.
var WorkspaceDecls = map[string]WorkspaceDecl{
	"npm": {File: "package.json", Key: "workspaces",
		Source: Source{URL: "https://docs.npmjs.com/cli/v10/using-npm/workspaces", Version: "npm 10 (workspaces since npm 7)"}},
	"yarn": {File: "package.json", Key: "workspaces", PackagesKey: "packages",
		Source: Source{URL: "https://classic.yarnpkg.com/en/docs/workspaces", Version: "yarn 1.22 (classic); yarn 4 reads the same field (https://yarnpkg.com/features/workspaces)"}},
	"pnpm": {File: "pnpm-workspace.yaml", Key: "packages",
		Source: Source{URL: "https://pnpm.io/pnpm-workspace_yaml", Version: "pnpm 9-10 (package.json's workspaces field is not read)"}},
}

// WorkspaceInstall is how a manager installs the production dependencies of one workspace
// (named by its package.json "name"), with the workspace packages it depends on linked,
// from the lockfile. Args are after the program, NAME stands for the workspace's name.
// RootArgs are added when the root package.json has dependencies of its own that the
// workspace may use at run time. Focused is false when the manager cannot leave the other
// workspaces' dependencies out: Args then install every workspace's production
// dependencies, and Why says so.
type WorkspaceInstall struct {
	Args, RootArgs []string
	Focused        bool
	Why            string
	Source         Source
}

// WorkspaceName is the placeholder for the workspace's name in WorkspaceInstall.Args.
const WorkspaceName = "NAME"

// WorkspaceInstalls are, by manager (yarn berry as "yarn-berry"), the production install of
// one workspace.
var WorkspaceInstalls = map[string]WorkspaceInstall{
	// `npm ci -w NAME` installs only that workspace's dependencies (and links the workspaces
	// it needs); --include-workspace-root adds the root's; --omit=dev leaves devDependencies out
	"npm": {Args: []string{"ci", "--workspace=" + WorkspaceName, "--omit=dev"}, RootArgs: []string{"--include-workspace-root"}, Focused: true,
		Source: Source{URL: "https://docs.npmjs.com/cli/v10/commands/npm-ci#workspace", Version: "npm 10 (--workspace with ci: npm 7+; --include-workspace-root: npm 8.1+, https://docs.npmjs.com/cli/v10/commands/npm-ci#include-workspace-root)"}},
	// `--filter NAME...` selects the workspace and its dependencies (the local ones), --prod
	// leaves devDependencies out and removes those already installed; the root project is
	// not selected by that filter: RootArgs select it (`--filter .`, the project in the
	// current directory; checked with pnpm 9.15.0: "Scope: 3 of 4 workspace projects")
	"pnpm": {Args: []string{"install", "--frozen-lockfile", "--prod", "--filter", WorkspaceName + "..."}, RootArgs: []string{"--filter", "."}, Focused: true,
		Source: Source{URL: "https://pnpm.io/filtering#--filter-package_name-1", Version: "pnpm 9-10 (`<name>...`: the package and its dependencies; --prod: https://pnpm.io/cli/install#--prod--p)"}},
	// yarn classic has no install of one workspace: `yarn install --production` installs every
	// workspace's production dependencies (its --focus installs a workspace's siblings from
	// the registry instead of linking them, which is for development)
	"yarn": {Args: []string{"install", "--frozen-lockfile", "--production"},
		Why:    "yarn classic (1.x) cannot install one workspace's dependencies: `yarn install --production` installs the production dependencies of every workspace of the monorepo (its --focus fetches the focused workspace's sibling workspaces from the registry instead of linking them); yarn berry's `yarn workspaces focus NAME --production` or pnpm's `--filter` can",
		Source: Source{URL: "https://classic.yarnpkg.com/en/docs/cli/install#toc-yarn-install-production-true-false", Version: "yarn 1.22 (classic; --focus: https://classic.yarnpkg.com/en/docs/cli/install#toc-yarn-install-focus)"}},
	"yarn-berry": {Args: []string{"workspaces", "focus", WorkspaceName, "--production"}, Focused: true,
		Source: Source{URL: "https://yarnpkg.com/cli/workspaces/focus", Version: "yarn 4 (berry): installs the named workspaces and their dependencies only"}},
}

// Command is the install's words after the program for the workspace name, with the root's
// own dependencies when root is true.
func (wi WorkspaceInstall) Command(name string, root bool) []string {
	var out []string
	for _, a := range wi.Args {
		out = append(out, replaceName(a, name))
	}
	if root {
		for _, a := range wi.RootArgs {
			out = append(out, replaceName(a, name))
		}
	}
	return out
}

func replaceName(a, name string) string { return strings.Replace(a, WorkspaceName, name, 1) }
