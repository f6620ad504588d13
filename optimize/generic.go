package optimize

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// generic improves a Dockerfile in place, stage by stage: every safe fix, then a non-root
// user in the final stage when it runs as root. Everything else is kept as written, so a
// file that is already multi-stage is improved, not replaced.
func generic(f *dockerfile.File, ctx *buildctx.Context, a *analysis, opt Options, res *Result) (string, error) {
	fixed, applied, err := safeFixed(f, ctx, opt)
	if err != nil {
		return "", err
	}
	res.Changes = append(res.Changes, fixChanges(applied)...)
	nf, err := dockerfile.Parse(f.Path, fixed, dockerfile.Options{BuildArgs: opt.BuildArgs})
	if err != nil {
		return "", fmt.Errorf("internal error: fixed text does not parse: %w", err)
	}
	out := string(fixed)
	if svc := startsAsRoot(nf); svc != "" {
		res.Notes = append(res.Notes, fmt.Sprintf("no USER added: %s starts as root and drops privileges (or needs root for its own directories) by itself; a USER line would stop it from starting. Run it non-root only after configuring it for that", svc))
	} else if edit, user, why := addUser(nf, opt); edit != nil && parsesAfter(nf, out, edit, opt) {
		out = out[:edit.Start] + edit.New + out[edit.End:]
		res.User = user
		res.Changes = append(res.Changes, Change{Title: "Non-root user in the final stage", Why: why + " Files the service writes at run time must be writable by this user: `dockopt measure` checks that the container still becomes healthy.", Rules: []string{"DO301"}, Before: "(root)", After: strings.TrimSpace(edit.New)})
	} else if user != "" {
		res.User = user
	}
	out = correctServerOptions(f.Path, out, ctx, opt, res)
	// the added lines can make a fix apply where none did (e.g. a blank line at the end of
	// the file becomes an empty continuation line): fix again, so that optimizing the output
	// changes nothing
	if again, err := dockerfile.Parse(f.Path, []byte(out), dockerfile.Options{BuildArgs: opt.BuildArgs}); err == nil {
		if fixed2, applied2, err := safeFixed(again, ctx, opt); err == nil && len(applied2) > 0 {
			out = string(fixed2)
			res.Changes = append(res.Changes, fixChanges(applied2)...)
		}
	}
	if a.port > 0 {
		res.Port = a.port
	}
	if !hasHealthcheck(nf) {
		res.Notes = append(res.Notes, "generic path: no HEALTHCHECK is added, because dockopt cannot know what the service answers; add one by hand (the report's HEALTHCHECK section shows the form)")
	}
	return out, nil
}

// hasHealthcheck reports whether the final stage has a HEALTHCHECK instruction of its own.
func hasHealthcheck(f *dockerfile.File) bool {
	if st := f.FinalStage(); st != nil {
		for _, in := range st.Instructions {
			if in.Cmd == "healthcheck" {
				return true
			}
		}
	}
	return false
}

// parsesAfter reports whether the text, with the edit applied, still parses and really ends
// its final stage as the new user: next to unusual syntax (a RUN ending in a bare `<<`, or in
// continuation lines up to the end of the file) BuildKit could read the added lines as part
// of the instruction before them.
func parsesAfter(f *dockerfile.File, text string, e *rule.TextEdit, opt Options) bool {
	nf, err := dockerfile.Parse(f.Path, []byte(text[:e.Start]+e.New+text[e.End:]), dockerfile.Options{BuildArgs: opt.BuildArgs})
	if err != nil {
		return false
	}
	again, user, _ := addUser(nf, opt)
	return again == nil && user != ""
}

// rootServices are programs whose official images start as root and drop privileges
// themselves, or write to root-owned directories at start (nginx creates
// /var/cache/nginx and /var/lib/nginx; the database images chown their data directory and
// switch user in their entrypoint). Sources: the official images' Dockerfiles and
// entrypoint scripts (docker-library).
var rootServices = []string{"nginx", "httpd", "apache2", "postgres", "mysql", "mysqld", "mariadb", "mongo", "mongod",
	"redis", "redis-server", "rabbitmq", "haproxy", "sshd", "supervisord", "cron", "crond", "php-fpm", "memcached", "traefik", "caddy"}

// startsAsRoot names the service when the final stage's base image or command is one of
// rootServices, else "".
func startsAsRoot(f *dockerfile.File) string {
	st := f.FinalStage()
	if st == nil {
		return ""
	}
	var words []string
	for s := st; s != nil; s = f.BaseStage(s) {
		repo, _ := splitImage(s.BaseImage)
		words = append(words, path.Base(repo))
		if f.BaseStage(s) == nil {
			break
		}
	}
	for _, in := range st.Instructions {
		if in.Cmd == "cmd" || in.Cmd == "entrypoint" {
			for _, a := range in.Args {
				for _, w := range strings.Fields(a) {
					words = append(words, path.Base(w))
				}
			}
		}
	}
	for _, w := range words {
		for _, svc := range rootServices {
			if w == svc {
				return svc
			}
		}
	}
	return ""
}

// addUser returns the edit that adds a non-root user to the final stage of f, or nil when the
// final stage already ends as a non-root user (user then names it) or is a Windows stage.
func addUser(f *dockerfile.File, opt Options) (*rule.TextEdit, string, string) {
	st := f.FinalStage()
	if st == nil {
		return nil, "", ""
	}
	last := ""
	for s := st; s != nil; s = f.BaseStage(s) {
		for i := len(s.Instructions) - 1; i >= 0 && last == ""; i-- {
			if s.Instructions[i].Cmd == "user" && len(s.Instructions[i].Args) > 0 {
				last = s.Instructions[i].Args[0]
			}
		}
		if last != "" {
			break
		}
	}
	if last != "" && !isRoot(last) {
		return nil, last, ""
	}
	var anchor *dockerfile.Instruction
	for _, in := range st.Instructions {
		if len(in.Shell) > 0 && !dockerfile.IsPOSIXShellName(in.Shell[0]) {
			return nil, "", "" // Windows stage: users work differently there
		}
		switch in.Cmd {
		case "from", "run", "copy", "add", "workdir", "user", "env", "arg":
			anchor = in
		}
	}
	if strings.HasSuffix(strings.TrimRight(f.LineText(anchor.EndLine), " \t"), string(f.EscapeToken)) {
		// the last line ends in a dangling continuation (at the end of the file): anything
		// added after it would be joined to it
		return nil, "", ""
	}
	repo, tag := splitImage(st.BaseImage)
	base := repo
	if i := strings.LastIndex(base, "/"); i >= 0 {
		base = base[i+1:]
	}
	nl := f.Newline()
	uid, gid := opt.UID, opt.GID
	var add, user, why string
	switch {
	case base == "node":
		add, user = "USER node", "node"
		why = "the official node images ship a `node` user (UID 1000)."
	case strings.Contains(tag, "alpine") || base == "alpine":
		add = fmt.Sprintf("RUN addgroup -S -g %d app && adduser -S -D -H -u %d -G app app%sUSER %d:%d", gid, uid, nl, uid, gid)
		user = fmt.Sprintf("%d:%d", uid, gid)
		why = "a system user with a fixed UID/GID (BusyBox adduser on Alpine)."
	case debianBased(base):
		add = fmt.Sprintf("RUN groupadd --system --gid %d app && useradd --system --uid %d --gid app --no-log-init --no-create-home --shell /usr/sbin/nologin app%sUSER %d:%d", gid, uid, nl, uid, gid)
		user = fmt.Sprintf("%d:%d", uid, gid)
		why = "a system user with a fixed UID/GID, created with useradd (Debian-based image)."
	default:
		add = fmt.Sprintf("USER %d:%d", uid, gid)
		user = fmt.Sprintf("%d:%d", uid, gid)
		why = "a numeric user needs no entry in /etc/passwd; files the service writes must be writable by it."
	}
	// join the user creation to a RUN that ends the stage's build steps rather than adding
	// a RUN right after it (one layer, and no consecutive-RUN finding)
	if anchor.Cmd == "run" && anchor.Script != nil && anchor.Script.Err == nil && len(anchor.Heredocs) == 0 && !anchor.JSON && strings.HasPrefix(add, "RUN ") {
		create, userLine, _ := strings.Cut(add, nl)
		esc := string(f.EscapeToken)
		add = " " + esc + nl + "    && " + strings.TrimPrefix(create, "RUN ") + nl + userLine
		if lowerCaseFile(f) {
			add = strings.Replace(add, "USER ", "user ", 1)
		}
		return &rule.TextEdit{Start: anchor.EndOffset, End: anchor.EndOffset, New: add}, user, why
	}
	if lowerCaseFile(f) {
		// keep the file's instruction casing (BuildKit's ConsistentInstructionCasing)
		add = strings.NewReplacer("RUN ", "run ", "USER ", "user ").Replace(add)
	}
	off := anchor.EndOffset
	return &rule.TextEdit{Start: off, End: off, New: nl + add}, user, why
}

// lowerCaseFile reports whether most instruction keywords are written in lower case.
func lowerCaseFile(f *dockerfile.File) bool {
	lower, upper := 0, 0
	for _, in := range f.Instructions {
		switch in.Keyword {
		case strings.ToLower(in.Keyword):
			lower++
		case strings.ToUpper(in.Keyword):
			upper++
		}
	}
	return lower > upper
}

func isRoot(u string) bool {
	name, _, _ := strings.Cut(u, ":")
	return name == "root" || name == "0"
}

// debianBased lists official images built on Debian or Ubuntu, where useradd exists.
func debianBased(base string) bool {
	switch base {
	case "debian", "ubuntu", "python", "golang", "ruby", "php", "openjdk", "eclipse-temurin", "buildpack-deps", "rust", "perl", "maven", "gradle", "elixir", "erlang", "haskell", "julia", "r-base", "gcc":
		return true
	}
	return false
}

// readContextFile reads a context file through buildctx's one reader (and its one limit).
func readContextFile(ctx *buildctx.Context, rel string) ([]byte, error) {
	return ctx.ReadFile(rel)
}

// packageScripts returns package.json's "scripts".
func packageScripts(data []byte) map[string]string {
	var pkg struct {
		Scripts map[string]string `json:"scripts"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		return nil
	}
	return pkg.Scripts
}
