package dockerfile

import "strings"

// IsRootUser reports whether a user ("name[:group]", as USER takes it or an image config's
// User holds it) names root: "root" or a UID made of zeros ("0", "00"), with any group or
// none. The empty string names no user and is not root here: what a missing USER means is
// RunsAsRoot's question. A name that /etc/passwd maps to UID 0 is not seen: only a running
// container's `id -u` tells that.
func IsRootUser(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return name == "root" || name != "" && strings.Trim(name, "0") == ""
}

// RunsAsRoot reports whether an image or stage whose user is u runs as root: no user at all
// (Docker's default is root, https://docs.docker.com/reference/dockerfile/#user) or one
// IsRootUser names.
func RunsAsRoot(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return name == "" || IsRootUser(u)
}
