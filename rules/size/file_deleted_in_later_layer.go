package size

import (
	"path"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

// layerFile is something an instruction wrote into its layer that a later RUN may delete.
type layerFile struct {
	paths []string
	in    *dockerfile.Instruction
	// what says how it was created ("apt-get update", "COPY", "curl -o").
	what string
	// contents is true for a COPY/ADD of a directory: paths[0] is the destination and its
	// entries are those of the context directory src.
	contents bool
	src      string
	fromCtx  bool
	// cmd is the creating command of a RUN, nil for COPY/ADD.
	cmd *dockerfile.Command
}

// deletion is a command that deletes paths.
type deletion struct {
	cmd      *dockerfile.Command
	patterns []string
}

var (
	// FileDeletedInLaterLayer is DO110 (file-deleted-in-later-layer).
	FileDeletedInLaterLayer = &rule.Rule{
		ID:       "DO110",
		Name:     "file-deleted-in-later-layer",
		Family:   rule.Size,
		Severity: rule.Warning,
		Fix:      rule.SafeFix,
		Doc: rule.Doc{
			What: "Finds a RUN that deletes files an earlier instruction of the same stage (or a " +
				"stage it is built FROM) created, in a stage whose layers end up in the final image: " +
				"package indexes and caches (apt lists, apk, yum/dnf/zypper, pip, npm and yarn " +
				"caches), downloads (`curl -o`, `wget`, `git clone`) and files COPY or ADD put there. " +
				"Deletions of files below a copied directory are only reported with the build " +
				"context, when the file is in it.",
			Why: "Every instruction adds a layer on top of the previous ones; deleting a file in a later " +
				"layer only hides it. The image still ships the bytes in the earlier layer, so the " +
				"deletion saves nothing (and costs a layer). Delete in the same RUN that creates, or " +
				"keep the files out: .dockerignore, a narrower COPY, `RUN --mount=type=bind` for a " +
				"file needed only during the RUN, or a build stage.",
			Example: "RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt\n" +
				"RUN rm /tmp/tool.tgz",
			UseInstead: "RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz \\\n" +
				" && tar -xzf /tmp/tool.tgz -C /opt \\\n" +
				" && rm /tmp/tool.tgz",
			Fixed: "Files are deleted in the layer that creates them",
			FixNotes: "When the deleting RUN only deletes (rm, find -delete, package manager clean) " +
				"files that the RUN directly above it created (comment lines may separate them), the " +
				"fix appends its commands to that RUN with `&&` and removes it; comments stay. Safe: nothing runs in between, so the final file " +
				"system is the same. Other cases have no automatic fix.",
			References: []string{
				"https://docs.docker.com/get-started/docker-concepts/building-images/understanding-image-layers/",
				"https://docs.docker.com/reference/dockerfile/#run---mounttypebind",
			},
		},
		Check: func(p *rule.Pass) {
			var created []*layerFile
			for _, st := range p.File.BuildOrder(p.File.FinalStage()) {
				for _, in := range st.Instructions {
					switch in.Cmd {
					case "copy", "add":
						if lf := copiedFiles(p, in); lf != nil {
							created = append(created, lf)
						}
					case "run":
						if in.Script == nil {
							continue
						}
						reportDeletions(p, in, created)
						created = append(created, runCreates(p, in)...)
					}
				}
			}
		},
	}
)

// reportDeletions reports the deletions of in that hit files created earlier.
func reportDeletions(p *rule.Pass, in *dockerfile.Instruction, created []*layerFile) {
	mounted := ruleutil.MountTargets(in, "cache", "tmpfs", "bind", "secret", "ssh")
	dels := runDeletionsOnce(p, in)
	own := runCreatesAllOnce(p, in)
	for _, d := range dels {
		var hit *layerFile
		var hitPath string
	search:
		for _, pat := range d.patterns {
			if pathUnder(strings.TrimRight(globPrefixDir(pat), "/"), mounted...) {
				continue
			}
			// the RUN deletes what it created itself (e.g. a second apt-get update): that is
			// its own cleanup, and the earlier layer is reported by its own rule
			for _, lf := range own {
				if _, ok := deletesFile(p, pat, lf); ok && cmdIndex(in.Script, lf.cmd) < cmdIndex(in.Script, d.cmd) {
					continue search
				}
			}
			for i := len(created) - 1; i >= 0; i-- {
				if p2, ok := deletesFile(p, pat, created[i]); ok {
					hit, hitPath = created[i], p2
					break search
				}
			}
		}
		if hit == nil {
			continue
		}
		line := strconv.Itoa(hit.in.StartLine)
		advice := "delete them in the RUN that creates them"
		if hit.in.Cmd != "run" {
			advice = "keep them out of the " + strings.ToUpper(hit.in.Cmd) + " (.dockerignore, a narrower source, or RUN --mount=type=bind)"
		}
		msg := ruleutil.CommandText(d.cmd) + " deletes " + hitPath + ", created by an earlier layer (line " + line + ": " +
			hit.what + "): that layer still ships the files; " + advice
		p.ReportCommand(in, d.cmd, msg, rule.WithFix("move the cleanup into the RUN above", mergeCleanupFix(p, in, dels, created)...))
	}
}

// globPrefixDir returns the part of a pattern before its first glob character.
func globPrefixDir(pat string) string {
	if i := strings.IndexAny(pat, "*?["); i >= 0 {
		return path.Dir(pat[:i+1])
	}
	return pat
}

// deletesFile reports whether deleting pattern pat removes files of lf, and which path.
func deletesFile(p *rule.Pass, pat string, lf *layerFile) (string, bool) {
	glob := strings.ContainsAny(pat, "*?[")
	for _, c := range lf.paths {
		if !glob {
			if pathUnder(c, pat) {
				return c, true
			}
		} else {
			for a := c; a != "/" && a != "."; a = path.Dir(a) {
				if ok, _ := path.Match(pat, a); ok {
					return c, true
				}
			}
		}
		// a file below a copied directory: only when the context shows it was copied
		if lf.contents && !glob && strings.HasPrefix(pat, c+"/") && lf.fromCtx && p.Context != nil {
			rel := path.Join(lf.src, strings.TrimPrefix(pat, c+"/"))
			rel = strings.TrimPrefix(rel, "./")
			if p.Context.Exists(rel) && !p.Context.Ignored(rel) {
				return pat, true
			}
		}
	}
	return "", false
}

// copiedFiles returns what a COPY or ADD writes, nil when unknown.
func copiedFiles(p *rule.Pass, in *dockerfile.Instruction) *layerFile {
	ci, ok := ruleutil.CopyOf(p.File, in)
	if !ok || ci.Dest == "" {
		return nil
	}
	what := strings.ToUpper(in.Cmd) + " " + strings.Join(ci.Sources, " ")
	lf := &layerFile{in: in, what: what, fromCtx: ci.From == ""}
	if !ci.DestDir {
		lf.paths = []string{ci.Dest}
		src := ci.Sources[0]
		if in.Cmd == "add" && !isURL(src) && addExtracts(src) || src == "." || strings.HasSuffix(src, "/") {
			lf.contents, lf.src = true, path.Clean(src)
		}
		return lf
	}
	for _, s := range ci.Sources {
		switch {
		case isURL(s):
			u := s
			if i := strings.IndexAny(u, "?#"); i >= 0 {
				u = u[:i]
			}
			lf.paths = append(lf.paths, path.Join(ci.Dest, path.Base(u)))
		case s == "." || s == "./" || strings.HasSuffix(s, "/") || in.Cmd == "add" && addExtracts(s):
			if len(ci.Sources) == 1 {
				lf.paths = append(lf.paths, ci.Dest)
				lf.contents, lf.src = true, path.Clean(s)
			}
		case strings.ContainsAny(s, "*?["):
			lf.paths = append(lf.paths, path.Join(ci.Dest, path.Base(s)))
		default:
			lf.paths = append(lf.paths, path.Join(ci.Dest, path.Base(s)))
		}
	}
	if len(lf.paths) == 0 {
		return nil
	}
	return lf
}

// homeIsRoot reports whether instruction in runs as root (no USER, or USER root/0 before
// it, in its stage and the stages it is built on), so that ~ is /root.
func homeIsRoot(f *dockerfile.File, in *dockerfile.Instruction) bool {
	return dockerfile.RunsAsRoot(f.UserAt(in))
}

// runCreates returns what a RUN leaves behind among the things later RUNs commonly delete.
func runCreates(p *rule.Pass, in *dockerfile.Instruction) []*layerFile {
	s := in.Script
	out := runCreatesAllOnce(p, in)
	// what the RUN deletes itself does not stay
	dels := runDeletionsOnce(p, in)
	var alive []*layerFile
	for _, lf := range out {
		gone := false
		for _, d := range dels {
			if cmdIndex(s, d.cmd) < cmdIndex(s, lf.cmd) {
				continue // deleted before it was created
			}
			for _, pat := range d.patterns {
				if _, ok := deletesFile(p, pat, lf); ok {
					gone = true
				}
			}
		}
		if !gone {
			alive = append(alive, lf)
		}
	}
	return alive
}

// runLayerOps are a RUN's deletions and creations, computed once per file: reportDeletions
// and runCreates both need them.
type runLayerOps struct {
	dels    []deletion
	created []*layerFile
	done    [2]bool
}

func runLayerOpsOf(p *rule.Pass, in *dockerfile.Instruction) *runLayerOps {
	m := p.Memo("file-deleted-run-ops", func() any { return map[*dockerfile.Instruction]*runLayerOps{} }).(map[*dockerfile.Instruction]*runLayerOps)
	ops := m[in]
	if ops == nil {
		ops = &runLayerOps{}
		m[in] = ops
	}
	return ops
}

// runDeletionsOnce is runDeletions, computed once per RUN.
func runDeletionsOnce(p *rule.Pass, in *dockerfile.Instruction) []deletion {
	ops := runLayerOpsOf(p, in)
	if !ops.done[0] {
		ops.dels, ops.done[0] = runDeletions(p.File, in), true
	}
	return ops.dels
}

// runCreatesAllOnce is runCreatesAll, computed once per RUN.
func runCreatesAllOnce(p *rule.Pass, in *dockerfile.Instruction) []*layerFile {
	ops := runLayerOpsOf(p, in)
	if !ops.done[1] {
		ops.created, ops.done[1] = runCreatesAll(p, in), true
	}
	return ops.created
}

// runCreatesAll returns what a RUN creates, whether or not it deletes it again.
func runCreatesAll(p *rule.Pass, in *dockerfile.Instruction) []*layerFile {
	s := in.Script
	f := p.File
	root := homeIsRoot(f, in)
	cwd := f.WorkdirAt(in)
	var out []*layerFile
	add := func(c *dockerfile.Command, what string, paths ...string) {
		var keep []string
		for _, x := range paths {
			if x != "" && !discardMounted(in, x) && !pathUnder(x, ruleutil.MountTargets(in, "bind")...) {
				keep = append(keep, x)
			}
		}
		if len(keep) > 0 {
			out = append(out, &layerFile{paths: keep, in: in, what: what, cmd: c})
		}
	}
	for _, c := range s.Commands {
		if c.Name == "cd" && len(c.Args) > 0 {
			cwd = ruleutil.AbsPath(cwd, c.Args[0])
			continue
		}
		switch {
		case ruleutil.IsAptUpdate(c):
			add(c, c.Name+" update", ruleutil.ManagerCache("apt", "apt-lists"))
		case c.Is("apk"):
			if call, _ := ruleutil.PmOf(c, "apk"); (call.Sub == "add" || call.Sub == "update") && !call.CacheDisabled() && !call.Has("--no-network") {
				add(c, "apk "+call.Sub, ruleutil.ManagerCache("apk", "apk-cache"))
			}
		case c.Is("npm"):
			if call, _ := ruleutil.PmOf(c, "npm"); root && (call.Sub == "install" || call.Sub == "ci") {
				add(c, "npm "+ruleutil.PmSubcommand(c), ruleutil.ManagerCache("npm", "npm-cache"))
			}
		case isYarnInstall(c):
			if root {
				add(c, "yarn install", ruleutil.YarnCacheDirs()...)
			}
		case c.Is("curl"):
			if out := curlOutput(c, cwd); out != "" {
				add(c, "curl", out)
			}
		case c.Is("wget"):
			if out := wgetOutput(c, cwd); out != "" {
				add(c, "wget", out)
			}
		case c.Is("git") && c.Subcommand("-C", "-c") == "clone":
			pos := c.Positional("-b", "--branch", "--depth", "-c", "--config", "-o", "--origin", "--reference", "-j", "--jobs", "--filter", "-C")
			if len(pos) >= 2 {
				dir := strings.TrimSuffix(path.Base(pos[1]), ".git")
				if len(pos) >= 3 {
					dir = pos[2]
				}
				add(c, "git clone", ruleutil.AbsPath(cwd, dir))
			}
		default:
			if call, ok := ruleutil.PipInstall(c); ok && root && !call.CacheDisabled() && !stageSets(f, in, "PIP_NO_CACHE_DIR") &&
				!pipCacheMounted(f, in, c) {
				add(c, "pip install", ruleutil.PipCache().Dir)
				continue
			}
			fams := rpmFamilies()
			for i := range fams {
				if fam := &fams[i]; fam.isInstall(c) {
					add(c, c.Name+" "+ruleutil.PmSubcommand(c), fam.cacheDirs[0])
				}
			}
		}
	}
	return out
}

// runDeletions returns the deleting commands of a RUN with absolute path patterns.
func runDeletions(f *dockerfile.File, in *dockerfile.Instruction) []deletion {
	var out []deletion
	cwd := f.WorkdirAt(in)
	for _, c := range in.Script.Commands {
		if c.Name == "cd" && len(c.Args) > 0 {
			cwd = ruleutil.AbsPath(cwd, c.Args[0])
			continue
		}
		var pats []string
		for _, t := range rmTargets(c) {
			for _, e := range expandBraces(t) {
				if strings.HasPrefix(e, "~/") {
					e = "/root" + e[1:]
				}
				if a := expandPath(f, in, cwd, cleanGlob(e)); a != "" && a != "/" {
					pats = append(pats, a)
				}
			}
		}
		pats = append(pats, ruleutil.CleanedCaches(c)...)
		if len(pats) > 0 {
			out = append(out, deletion{cmd: c, patterns: pats})
		}
	}
	return out
}

// curlOutput returns the file curl writes (-o FILE, or -O: the URL's base name in cwd).
func curlOutput(c *dockerfile.Command, cwd string) string {
	for i, a := range c.Args {
		if a == "--output" || a == "-o" || len(a) > 2 && a[0] == '-' && a[1] != '-' && strings.HasSuffix(a, "o") && allLetters(a[1:]) {
			if i+1 < len(c.Args) && c.Args[i+1] != "-" && c.Args[i+1] != "/dev/null" {
				return ruleutil.AbsPath(cwd, c.Args[i+1])
			}
			return ""
		}
		if strings.HasPrefix(a, "--output=") {
			return ruleutil.AbsPath(cwd, strings.TrimPrefix(a, "--output="))
		}
	}
	if c.HasFlag("-O", "--remote-name") {
		for _, a := range c.Args {
			if isURL(a) {
				u := a
				if i := strings.IndexAny(u, "?#"); i >= 0 {
					u = u[:i]
				}
				return ruleutil.AbsPath(cwd, path.Base(u))
			}
		}
	}
	return ""
}

// wgetOutput returns the file wget writes (-O FILE, or the URL's base name in cwd or -P DIR).
func wgetOutput(c *dockerfile.Command, cwd string) string {
	if v, ok := c.FlagValue("-O", "--output-document"); ok {
		if v == "-" || v == "/dev/null" {
			return ""
		}
		return ruleutil.AbsPath(cwd, v)
	}
	for _, a := range c.Args {
		if strings.HasPrefix(a, "-") && strings.HasSuffix(a, "O") && allLetters(a[1:]) {
			return "" // -qO- style: output given in the next word, usually a pipe
		}
	}
	dir := cwd
	if v, ok := c.FlagValue("-P", "--directory-prefix"); ok {
		dir = ruleutil.AbsPath(cwd, v)
	}
	for _, a := range c.Args {
		if isURL(a) {
			u := a
			if i := strings.IndexAny(u, "?#"); i >= 0 {
				u = u[:i]
			}
			if b := path.Base(u); b != "" && b != "/" && !strings.Contains(b, ":") {
				return ruleutil.AbsPath(dir, b)
			}
		}
	}
	return ""
}

func allLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return s != ""
}

// mergeCleanupFix moves a RUN that only deletes into the RUN directly above it, when every
// deletion hits files that RUN created.
func mergeCleanupFix(p *rule.Pass, in *dockerfile.Instruction, dels []deletion, created []*layerFile) []rule.TextEdit {
	if len(in.Flags) > 0 || len(in.Heredocs) > 0 || in.JSON || in.Stage == nil || len(dels) != len(in.Script.Commands) {
		return nil
	}
	var prev *dockerfile.Instruction
	for _, x := range in.Stage.Instructions {
		if x == in {
			break
		}
		prev = x
	}
	if prev == nil || prev.Cmd != "run" || prev.Script == nil || len(prev.Heredocs) > 0 {
		return nil
	}
	// only comment lines may separate the two (they stay where they are)
	for l := prev.EndLine + 1; l < in.StartLine; l++ {
		if t := strings.TrimSpace(p.File.LineText(l)); t != "" && !strings.HasPrefix(t, "#") {
			return nil
		}
	}
	for _, d := range dels {
		ok := false
		for _, pat := range d.patterns {
			for _, lf := range created {
				if _, hit := deletesFile(p, pat, lf); hit && lf.in == prev {
					ok = true
				}
			}
		}
		if !ok {
			return nil
		}
	}
	// the deleting commands' text, as written (continuations included)
	first, last := in.Script.Commands[0], in.Script.Commands[len(in.Script.Commands)-1]
	s, e := first.StartOffset(), last.EndOffset()
	if s < 0 || e < s {
		return nil
	}
	// everything after the deleting commands must be blank, and before them only the keyword
	if strings.TrimSpace(string(p.File.Source[e:in.EndOffset])) != "" {
		return nil
	}
	anchor := prev.Script.Commands[len(prev.Script.Commands)-1]
	ins := ruleutil.AppendAfter(anchor, "")
	if len(ins) != 1 || strings.TrimSpace(string(p.File.Source[ins[0].Start:prev.EndOffset])) != "" {
		return nil
	}
	ins[0].New = " && " + string(p.File.Source[s:e])
	return []rule.TextEdit{ins[0], {Start: p.File.LineOffset(in.StartLine), End: p.File.LineOffset(in.EndLine + 1)}}
}
