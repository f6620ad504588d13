package optimize

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// userPlan is how a non-root user is added to a stage.
type userPlan struct {
	// current is the stage's non-root user when it already ends as one ("" otherwise).
	current string
	// user is the USER argument added; why says how it is created.
	user, why string
	// create is the shell command that creates the user ("" when none is needed); owner
	// the chown argument for the directories the user must own ("" when no shell is known
	// to be there: then none is made writable).
	create, owner string
	// anchor is the instruction after which the lines go.
	anchor *dockerfile.Instruction
}

// planUser decides how stage st of f gets a non-root user. The zero plan (no user, no
// current) means none can be added: a Windows stage, or a file whose last line is a dangling
// continuation.
func planUser(f *dockerfile.File, st *dockerfile.Stage, opt Options) userPlan {
	if st == nil {
		return userPlan{}
	}
	if u := f.UserEnd(st); !dockerfile.RunsAsRoot(u) {
		return userPlan{current: u}
	}
	var anchor *dockerfile.Instruction
	for _, in := range st.Instructions {
		if len(in.Shell) > 0 && !dockerfile.IsPOSIXShellName(in.Shell[0]) {
			return userPlan{} // Windows stage: users work differently there
		}
		switch in.Cmd {
		case "from", "run", "copy", "add", "workdir", "user", "env", "arg":
			anchor = in
		}
	}
	if strings.HasSuffix(strings.TrimRight(f.LineText(anchor.EndLine), " \t"), string(f.EscapeToken)) {
		// the last line ends in a dangling continuation (at the end of the file): anything
		// added after it would be joined to it
		return userPlan{}
	}
	if u := existingUser(f, st); u != nil {
		// the file creates its user but never switches to it: run as that one, rather than
		// create a second user whose name may clash with it
		up := userPlan{anchor: anchor, user: u.name, owner: u.name}
		if u.uid != "" {
			up.user = u.uid
		}
		up.why = fmt.Sprintf("the Dockerfile already creates the user %s (line %d) but never switched to it: the service runs as that user; no second one is made.", u.name, u.line)
		return up
	}
	repo, tag := splitImage(f.RootImage(st))
	base := path.Base(repo)
	uid, gid := opt.UID, opt.GID
	up := userPlan{anchor: anchor, user: fmt.Sprintf("%d:%d", uid, gid), owner: fmt.Sprintf("%d:%d", uid, gid)}
	switch {
	case base == "node":
		up.user, up.owner = "node", "node:node"
		up.why = "the official node images ship a `node` user (UID 1000)."
	case strings.Contains(tag, "alpine") || base == "alpine":
		up.create = fmt.Sprintf("addgroup -S -g %d app && adduser -S -D -H -u %d -G app app", gid, uid)
		up.why = "a system user with a fixed UID/GID (BusyBox adduser on Alpine)."
	case debianBased(base):
		up.create = fmt.Sprintf("groupadd --system --gid %d app && useradd --system --uid %d --gid app --no-log-init --no-create-home --shell /usr/sbin/nologin app", gid, uid)
		up.why = "a system user with a fixed UID/GID, created with useradd (Debian-based image)."
	default:
		up.owner = ""
		up.why = "a numeric user needs no entry in /etc/passwd; files the service writes must be writable by it."
	}
	return up
}

// edit returns the text edit that adds the user (and makes dirs, created, and files its own,
// when the stage has a known shell) after the plan's anchor. When the anchor is a plain RUN, the commands are
// joined to it: one layer, and no consecutive-RUN finding.
func (up userPlan) edit(f *dockerfile.File, dirs, files []string) rule.TextEdit {
	var cmds []string
	if up.create != "" {
		cmds = append(cmds, up.create)
	}
	if up.owner != "" && len(dirs) > 0 {
		cmds = append(cmds, "mkdir -p "+strings.Join(dirs, " "))
	}
	if owned := append(append([]string(nil), dirs...), files...); up.owner != "" && len(owned) > 0 {
		cmds = append(cmds, "chown "+up.owner+" "+strings.Join(owned, " "))
	}
	nl, esc := f.Newline(), string(f.EscapeToken)
	run, user := "RUN ", "USER "
	if lowerCaseFile(f) {
		// keep the file's instruction casing (BuildKit's ConsistentInstructionCasing)
		run, user = "run ", "user "
	}
	a := up.anchor
	if len(cmds) > 0 && a.Cmd == "run" && a.Script != nil && a.Script.Err == nil && len(a.Heredocs) == 0 && !a.JSON {
		var b strings.Builder
		for _, c := range cmds {
			b.WriteString(" " + esc + nl + "    && " + c)
		}
		b.WriteString(nl + user + up.user)
		return rule.TextEdit{Start: a.EndOffset, End: a.EndOffset, New: b.String()}
	}
	var b strings.Builder
	if len(cmds) > 0 {
		b.WriteString(nl + run + strings.Join(cmds, " "+esc+nl+"    && "))
	}
	b.WriteString(nl + user + up.user)
	return rule.TextEdit{Start: a.EndOffset, End: a.EndOffset, New: b.String()}
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

// debianBased lists official images built on Debian or Ubuntu, where useradd exists.
func debianBased(base string) bool {
	switch base {
	case "debian", "ubuntu", "python", "golang", "ruby", "php", "openjdk", "eclipse-temurin", "buildpack-deps", "rust", "perl", "maven", "gradle", "elixir", "erlang", "haskell", "julia", "r-base", "gcc":
		return true
	}
	return false
}
