package rules_test

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

// DO508's advice for `manage.py runserver [PORT]` keeps the port the command gives (runserver
// 9001 binds 127.0.0.1:9001), and says 8000, Django's default, when none is given.
func TestServerLocalhostRunserverPort(t *testing.T) {
	for cmd, want := range map[string]string{
		`CMD ["python", "manage.py", "runserver", "9001"]`: "give 0.0.0.0:9001",
		`CMD ["python", "manage.py", "runserver"]`:         "give 0.0.0.0:8000",
	} {
		f, err := dockerfile.Parse("Dockerfile", []byte("FROM python:3.12-slim\n"+cmd+"\n"), dockerfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		fds := lint.Run(f, nil, lint.Options{Only: []*rule.Rule{rules.Lookup("DO508")}})
		if len(fds) != 1 || !strings.HasSuffix(fds[0].Message, want) {
			t.Errorf("%s: findings %+v, want one ending %q", cmd, fds, want)
		}
	}
}
