package security

import (
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

var (
	// CopySecretFiles is DO302 (copy-secret-files).
	CopySecretFiles = &rule.Rule{
		ID:           "DO302",
		Name:         "copy-secret-files",
		Family:       rule.Security,
		Severity:     rule.Error,
		Equivalents:  []string{"cis:4.10", "dockle:CIS-DI-0010"},
		NeedsContext: true,
		Doc: rule.Doc{
			What: "Finds COPY/ADD from the build context whose sources take in files that are likely " +
				"secrets, present in the context and not excluded by `.dockerignore` (nor by " +
				"`COPY --exclude`): `.env`, `.env.*` and `.envrc` (not `.env.example`/`.sample`/" +
				"`.template`/`.dist`, nor `.env.development`/`.production`/`.test` next to a " +
				"package.json, which JavaScript frameworks commit on purpose), SSH private keys " +
				"(`id_rsa`, `id_ed25519`...), `*.pem` and `*.key` that are not certificates or GPG " +
				"keys by name, `*.p12`/`*.pfx`/`*.jks`/`*.keystore`, `.npmrc`, `.pypirc`, `.netrc`, " +
				"`.git-credentials`, `.pgpass`, `.htpasswd`, `.docker/config.json`, " +
				"`.aws/credentials`, `.kube/config`, `.ssh/` private files, `credentials.json`, " +
				"`client_secret*.json`, service-account JSON keys, Terraform state, `kubeconfig`, " +
				"`.vault-token`, `secrets.yaml`/`.json`/`.toml` (not in a Helm `templates/` directory) and the non-source files of a `secrets/` " +
				"directory (buildctx.LikelySecret, which optimize's .dockerignore uses too). Files under node_modules, vendor, " +
				"virtualenvs and test fixture directories are ignored. `COPY . .` counts. The message " +
				"names the files, never their contents. Needs the build context.",
			Why: "Whatever COPY takes in is stored in a layer of the image (and of the build cache) " +
				"for good: deleting it in a later RUN does not remove it, and anyone who can pull the " +
				"image, or read a pushed cache, can extract it with `docker save`. Credentials used at " +
				"build time belong in a secret mount; those used at run time in the runtime's secrets.",
			Example:    "# the context holds .env and .npmrc with a token, and no .dockerignore\nCOPY . /app\nRUN npm ci",
			UseInstead: "# .dockerignore: .env\n#               .npmrc\nCOPY . /app\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
			References: []string{
				"https://docs.docker.com/build/building/secrets/",
				"https://docs.docker.com/build/concepts/context/#dockerignore-files",
				"CIS Docker Benchmark v1.6.0, 4.10 Ensure secrets are not stored in Dockerfiles",
				"https://github.com/goodwithtech/dockle#cis-di-0010-do-not-store-secrets-in-dockerfiles",
			},
		},
		Check: checkCopySecretFiles,
	}
)

func checkCopySecretFiles(p *rule.Pass) {
	if p.Context == nil {
		return
	}
	for _, in := range p.File.Instructions {
		for _, x := range []*dockerfile.Instruction{in, in.OnBuild} {
			if x != nil {
				checkCopySecrets(p, x)
			}
		}
	}
}

func checkCopySecrets(p *rule.Pass, in *dockerfile.Instruction) {
	var sources, excludes []string
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			return
		}
		sources, excludes = c.SourcePaths, c.ExcludePatterns
	case *instructions.AddCommand:
		sources, excludes = c.SourcePaths, c.ExcludePatterns
	default:
		return
	}
	ctx := p.Context
	var found []string
	seen := map[string]bool{}
	for _, raw := range sources {
		src, ok := p.File.Expand(in, raw)
		if !ok || strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
			continue
		}
		for _, f := range ctx.Glob(src) {
			if seen[f] || !buildctx.LikelySecret(ctx, f) || ctx.Ignored(f) || buildctx.CopyExcludes(f, excludes) {
				continue
			}
			if e, ok := ctx.Entry(f); ok && e.IsDir {
				continue
			}
			seen[f] = true
			found = append(found, f)
		}
	}
	if len(found) == 0 {
		return
	}
	list := found
	more := ""
	if len(list) > 5 {
		more = " and " + strconv.Itoa(len(list)-5) + " more"
		list = list[:5]
	}
	p.Report(in, strings.ToUpper(in.Cmd)+" takes likely secrets from the build context into the image: "+
		strings.Join(list, ", ")+more+" (exclude them in .dockerignore; use RUN --mount=type=secret at build time)")
}
