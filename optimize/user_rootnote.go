package optimize

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
)

// rootOwnedPass notes, when the non-root user pass made the stage that ships run as a user,
// what that user cannot write in the image as it is finally written (after the passes that
// follow it, such as --runtime distroless, which changes the user): the files the COPY/ADD
// instructions put there as root, and the working directory a WORKDIR made as root, except
// the paths a RUN chowns to the user.
func rootOwnedPass(p *plan) {
	st := p.stage()
	if !p.userAdded || st == nil {
		return
	}
	user := p.f.UserEnd(st)
	if dockerfile.RunsAsRoot(user) {
		return
	}
	if note := rootOwnedNote(p.f, st, user, p.userOwner); note != "" {
		p.res.Notes = appendOnce(p.res.Notes, note)
	}
}

// rootOwnedNote says, when stage st's COPY/ADD instructions (through the stages it is built
// FROM) put files in the image as root, that user can read but not write them, nor create
// files in its working directory when a WORKDIR of the file made it as root, except the paths
// RUN chowns to owner; "" when every copy gives its files to another user.
func rootOwnedNote(f *dockerfile.File, st *dockerfile.Stage, user, owner string) string {
	wd := f.WorkdirEnd(st)
	rootCopies, chowned, setWD, wdTouched := 0, false, false, false
	var owned []string
	for _, s := range f.StageChain(st) {
		for _, in := range s.Instructions {
			switch in.Cmd {
			case "workdir":
				setWD = true
			case "copy", "add":
				if v, ok := in.Flag("chown"); ok && !dockerfile.IsRootUser(v) {
					chowned = true
				} else {
					rootCopies++
				}
			case "run":
				if in.Script == nil {
					wdTouched = true // cannot tell what it does
					continue
				}
				for _, c := range in.Script.Commands {
					if c.Name != "chown" && c.Name != "chmod" {
						continue
					}
					pos := c.Positional()
					if len(pos) < 2 {
						continue
					}
					for _, t := range pos[1:] {
						t = path.Clean(t)
						if t == wd || strings.HasPrefix(wd, strings.TrimSuffix(t, "/")+"/") {
							wdTouched = true
						}
						if c.Name == "chown" && owner != "" && sameOwner(pos[0], owner) && !slices.Contains(owned, t) {
							owned = append(owned, t)
						}
					}
				}
			}
		}
	}
	if rootCopies == 0 {
		return ""
	}
	if !setWD {
		wd = "" // the base image's, which the file does not show
	}
	what := "the files the Dockerfile copies into the image stay owned by root"
	if chowned {
		what = "the files the Dockerfile's COPY/ADD instructions without --chown put in the image stay owned by root"
	}
	note := fmt.Sprintf("%s: user %s can read them but not write them", what, user)
	if wd != "" && !chowned && !wdTouched && !userWritableBase(wd) {
		// WORKDIR and COPY create the directories they need as root
		note += fmt.Sprintf(", nor create files in the working directory %s", wd)
	}
	where, under := "", " under "+wd
	if len(owned) > 0 {
		note += fmt.Sprintf(" (it owns %s, made writable for it)", strings.Join(owned, ", "))
		where = " elsewhere"
	}
	if wd == "" {
		under = " to the image's files"
	}
	return note + ". A service that writes" + where + under + " at run time must be given a writable path: a volume, or a directory it owns (`RUN mkdir -p DIR && chown " + user + " DIR` before USER where the image has a shell)."
}

// sameOwner reports whether chown's owner argument a names the same user as b (user[:group],
// compared by the user part).
func sameOwner(a, b string) bool {
	ua, _, _ := strings.Cut(a, ":")
	ub, _, _ := strings.Cut(b, ":")
	return ua == ub
}

// userWritableBase reports whether directory d may already exist in a base image, writable
// by others than root: a home directory (the node images' /home/node is node's) or a
// temporary one.
func userWritableBase(d string) bool {
	for _, p := range []string{"/home", "/tmp", "/var/tmp", "/dev/shm"} {
		if d == p || strings.HasPrefix(d, p+"/") {
			return true
		}
	}
	return false
}
