package optimize

import (
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
)

// userCreateValueFlags are the options that take a value of the programs that create users:
// useradd(8) (shadow 4.13, Debian bookworm), adduser(8) (Debian's adduser 3.134) and BusyBox
// adduser (Alpine).
var userCreateValueFlags = map[string][]string{
	"useradd": {"-b", "--base-dir", "-c", "--comment", "-d", "--home-dir", "-e", "--expiredate", "-f", "--inactive",
		"-g", "--gid", "-G", "--groups", "-k", "--skel", "-K", "--key", "-p", "--password", "-R", "--root",
		"-P", "--prefix", "-s", "--shell", "-u", "--uid", "-Z", "--selinux-user"},
	"adduser": {"--home", "--shell", "--uid", "--gid", "--ingroup", "--gecos", "--comment", "--firstuid", "--lastuid",
		"--firstgid", "--lastgid", "--conf", "-h", "-g", "-s", "-G", "-u", "-k"},
}

// createdUser is a non-root user a RUN of a stage creates.
type createdUser struct {
	name string
	// uid is the numeric UID the command gives it ("" when the system picks one).
	uid  string
	line int
}

// usersCreated returns the users stage st and the stages it is built FROM create with
// useradd or adduser, in file order (`adduser USER GROUP`, which adds an existing user to a
// group, is not a creation).
func usersCreated(f *dockerfile.File, st *dockerfile.Stage) []createdUser {
	var out []createdUser
	chain := f.StageChain(st)
	for i := len(chain) - 1; i >= 0; i-- {
		for _, in := range chain[i].Instructions {
			if in.Cmd != "run" || in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				flags, ok := userCreateValueFlags[c.Name]
				if !ok {
					continue
				}
				pos := c.Positional(flags...)
				if len(pos) != 1 || strings.ContainsAny(pos[0], "$`") || dockerfile.IsRootUser(pos[0]) {
					continue
				}
				u := createdUser{name: pos[0], line: in.StartLine}
				if v, ok := c.FlagValue("-u", "--uid"); ok && v != "" && strings.Trim(v, "0123456789") == "" {
					u.uid = v
				}
				out = append(out, u)
			}
		}
	}
	return out
}

// existingUser picks, among the users the stage creates, the one the service should run as:
// the one the stage gives files to (COPY --chown, chown: the service's user, the last such),
// else one named app, which a second user of that name would clash with; nil otherwise (a
// user made for something else, such as a dev container's, is not the service's).
func existingUser(f *dockerfile.File, st *dockerfile.Stage) *createdUser {
	users := usersCreated(f, st)
	if len(users) == 0 {
		return nil
	}
	owners := map[string]bool{}
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			if v, ok := in.Flag("chown"); ok {
				name, _, _ := strings.Cut(v, ":")
				owners[name] = true
			}
			if in.Script == nil {
				continue
			}
			for _, c := range in.Script.Commands {
				if pos := c.Positional(); c.Name == "chown" && len(pos) > 0 {
					name, _, _ := strings.Cut(pos[0], ":")
					owners[name] = true
				}
			}
		}
	}
	for i := len(users) - 1; i >= 0; i-- {
		if owners[users[i].name] || owners[users[i].uid] && users[i].uid != "" {
			return &users[i]
		}
	}
	for i := range users {
		if users[i].name == "app" {
			return &users[i]
		}
	}
	return nil
}
