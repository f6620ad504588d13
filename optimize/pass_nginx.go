package optimize

import (
	"path"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// nginxWritable are the directories nginx writes at start: its temporary files (the official
// image's /var/cache/nginx, Debian's build's /var/lib/nginx) and its logs (the official image
// links them to stdout/stderr). A directory that is not in the image is skipped.
var nginxWritable = []string{"/var/cache/nginx", "/var/lib/nginx", "/var/log/nginx"}

// nginxPass runs an nginx image's server as the image's own `nginx` user, the way the
// nginx-unprivileged images do (https://github.com/nginxinc/docker-nginx-unprivileged):
// the `user` directive goes (only root can switch users), the pid file moves to /tmp, and
// nginx owns the directories it writes at start. The listening port is kept: Docker gives
// containers net.ipv4.ip_unprivileged_port_start=0 since Engine 20.10, so a non-root nginx
// still binds port 80 there (Kubernetes and other runtimes may need a port above 1023: the
// note says so). It applies when the stage that ships is built on the official nginx image
// and runs nginx, as root.
func nginxPass(p *plan) {
	st := p.stage()
	repo, _ := splitImage(p.f.RootImage(st))
	// no CMD or ENTRYPOINT in the file: the image's own, which runs nginx
	if prog := stageProgram(p.f, st); path.Base(repo) != "nginx" || prog != "" && path.Base(prog) != "nginx" && path.Base(prog) != "docker-entrypoint.sh" {
		return
	}
	if u := p.f.UserEnd(st); !dockerfile.RunsAsRoot(u) {
		return
	}
	up := planUser(p.f, st, p.opt)
	if up.anchor == nil {
		return
	}
	nl, esc := p.f.Newline(), string(p.f.EscapeToken)
	dirs := strings.Join(nginxWritable, " ")
	run := "RUN sed -i -e '/^user /d' -e 's,^pid .*,pid /tmp/nginx.pid;,' /etc/nginx/nginx.conf " + esc + nl +
		"    && for d in " + dirs + "; do if [ -d \"$d\" ]; then chown -R nginx:nginx \"$d\"; fi; done"
	add := nl + run + nl + "USER nginx"
	if !p.apply(rule.TextEdit{Start: up.anchor.EndOffset, End: up.anchor.EndOffset, New: add}) {
		return
	}
	p.res.User = "nginx"
	p.res.Changes = append(p.res.Changes, Change{
		Title:  "nginx runs as the image's nginx user",
		Why:    "the official nginx image starts as root only to switch to its `nginx` user; without the `user` directive and with the pid file in /tmp, nginx runs as that user from the start (as the nginx-unprivileged images do), owning only the directories it writes at start (" + dirs + ", where present).",
		Rules:  []string{"DO301"},
		Before: "(root)",
		After:  run + "\nUSER nginx",
	})
	p.res.Notes = appendOnce(p.res.Notes, "nginx keeps its listening port: Docker Engine 20.10 and later let any user bind ports below 1024 in a container (net.ipv4.ip_unprivileged_port_start=0); on Kubernetes or another runtime without that setting, make the server listen on a port above 1023")
}
