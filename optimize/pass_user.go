package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// userPass makes the stage that ships run as a non-root user (DO301), unless its program
// starts as root and drops privileges itself. The user owns the directories the service
// writes (its source's write calls, the stage's VOLUMEs): only those directories, not the
// files in them, so no `chown -R` layer duplicates the app. Stages after the target that are
// built FROM it switch back to root, so their build steps run as before.
func userPass(p *plan) {
	st := p.stage()
	if u := p.f.UserEnd(st); !dockerfile.RunsAsRoot(u) {
		p.res.User = u
		return
	}
	if svc := startsAsRoot(p.f, st); svc != "" {
		why := fmt.Sprintf("no USER added: %s starts as root and drops privileges (or needs root for its own directories) by itself; a USER line would stop it from starting. Run it non-root only after configuring it for that", svc)
		p.res.Notes = appendOnce(p.res.Notes, why)
		p.res.leave("DO301", why)
		return
	}
	add := planUser(p.f, st, p.opt)
	if add.current != "" {
		p.res.User = add.current
		return
	}
	if add.user == "" {
		return
	}
	dirs, files := ownedPaths(p, st)
	var unowned []string
	if add.owner == "" {
		// no shell known to be in the image to chown them
		unowned, dirs, files = append(dirs, files...), nil, nil
	}
	edit := add.edit(p.f, dirs, files)
	if !p.apply(edit) || !endsAs(p, add.user) {
		return
	}
	p.res.User = add.user
	why := add.why
	after := strings.TrimSpace(edit.New)
	if len(dirs) > 0 {
		why += fmt.Sprintf(" It owns the directories the service writes (%s: found in its source or declared as VOLUME), not the files in them, so no `chown -R` layer stores the app twice.", strings.Join(dirs, ", "))
	} else if len(unowned) > 0 {
		why += fmt.Sprintf(" The service writes %s (found in its source or declared as VOLUME), but no shell is known to be in the image to make them its own: give it a writable path there.", strings.Join(unowned, ", "))
	} else {
		why += " No write to a file of the image was found in the source; if the service writes one, `dockopt measure` shows it failing."
	}
	if len(files) > 0 {
		why += fmt.Sprintf(" It owns the files of the image the source writes (%s), which the Dockerfile copies in as root.", strings.Join(files, ", "))
	}
	p.userAdded, p.userOwner = true, add.owner
	p.res.Changes = append(p.res.Changes, Change{Title: "The service runs as a non-root user", Why: why, Rules: []string{"DO301"}, Before: "(root)", After: after})
	rootAgain(p, p.stage())
}

// rootAgain adds `USER root` after the FROM of every later stage built FROM st that runs
// build steps before any USER of its own: they ran as root before st got a USER.
func rootAgain(p *plan, st *dockerfile.Stage) {
	var edits []rule.TextEdit
	var names []string
	for _, s := range stagesAfter(p.f, st) {
		if !derivesFrom(p.f, s, st) || !buildsBeforeUser(s) {
			continue
		}
		kw := "USER"
		if lowerCaseFile(p.f) {
			kw = "user"
		}
		edits = append(edits, rule.TextEdit{Start: s.From.EndOffset, End: s.From.EndOffset, New: p.f.Newline() + kw + " root"})
		names = append(names, stageLabel(s))
	}
	if len(edits) == 0 || !p.apply(edits...) {
		return
	}
	p.res.Changes = append(p.res.Changes, Change{Title: "Later stages built on it switch back to root", Why: fmt.Sprintf("%s %s built FROM the stage that now ends as a non-root user; %s build steps ran as root and still do.", strings.Join(names, ", "), isAre(len(names)), itsTheir(len(names))), Before: "(root, inherited)", After: "USER root"})
}

func itsTheir(n int) string {
	if n == 1 {
		return "its"
	}
	return "their"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// stageLabel names a stage for the report: its name, or its position.
func stageLabel(s *dockerfile.Stage) string {
	if s.Name != "" {
		return "stage " + s.Name
	}
	return fmt.Sprintf("stage %d", s.Index)
}

// buildsBeforeUser reports whether the stage runs RUN/COPY/ADD before its first USER.
func buildsBeforeUser(s *dockerfile.Stage) bool {
	for _, in := range s.Instructions[1:] {
		switch in.Cmd {
		case "user":
			return false
		case "run", "copy", "add":
			return true
		}
	}
	return false
}

// endsAs reports whether the stage that ships now ends as user.
func endsAs(p *plan, user string) bool {
	st := p.stage()
	return st != nil && p.f.UserEnd(st) == user
}

// ownedPaths are the paths the non-root user must own in stage st: the directories the
// source writes (writtenPaths, relative ones under the stage's working directory) and the
// stage's VOLUMEs; and the files the source writes that a COPY puts in the image (as root:
// owning their directory does not let the user open them for writing).
func ownedPaths(p *plan, st *dockerfile.Stage) (dirs, files []string) {
	wd := p.f.WorkdirEnd(st)
	written := writtenPaths(p.ctx, copiedInto(p.f, st))
	if prog := stageCommand(p.f, st); len(prog) > 0 {
		written = append(written, scriptWrites(p, st, prog)...)
	}
	for _, w := range written {
		abs, ok := writtenAt(w, wd)
		if !ok {
			continue
		}
		if path.Ext(abs) == "" || strings.HasSuffix(w, "/") || strings.ContainsAny(abs, " \"'$\\") {
			continue
		}
		if _, ok := contextFileAt(p.f, p.ctx, st, abs); ok {
			files = append(files, abs)
		}
	}
	for _, in := range st.Instructions {
		if in.Cmd != "volume" {
			continue
		}
		for _, v := range in.Args {
			if x, ok := p.f.Expand(in, v); ok && strings.HasPrefix(x, "/") {
				written = append(written, path.Clean(x)+"/")
			}
		}
	}
	for _, d := range writableDirs(written, wd) {
		if !strings.ContainsAny(d, " \"'$\\") {
			dirs = append(dirs, d)
		}
	}
	return dirs, files
}

func appendOnce(xs []string, s string) []string {
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// rootServices are programs whose official images start as root and drop privileges
// themselves, or write to root-owned directories at start (nginx creates
// /var/cache/nginx and /var/lib/nginx; the database images chown their data directory and
// switch user in their entrypoint). Sources: the official images' Dockerfiles and
// entrypoint scripts (docker-library).
var rootServices = []string{"nginx", "httpd", "apache2", "postgres", "mysql", "mysqld", "mariadb", "mongo", "mongod",
	"redis", "redis-server", "rabbitmq", "haproxy", "sshd", "supervisord", "cron", "crond", "php-fpm", "memcached", "traefik", "caddy"}

// startsAsRoot names the service when stage st's base image (through the stages it is built
// FROM) or command is one of rootServices, else "".
func startsAsRoot(f *dockerfile.File, st *dockerfile.Stage) string {
	if st == nil {
		return ""
	}
	var words []string
	for _, s := range f.StageChain(st) {
		repo, _ := splitImage(s.BaseImage)
		words = append(words, path.Base(repo))
	}
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			if in.Cmd == "cmd" || in.Cmd == "entrypoint" {
				for _, a := range in.Args {
					for _, w := range strings.Fields(a) {
						words = append(words, path.Base(w))
					}
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
