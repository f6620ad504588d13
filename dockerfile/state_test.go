package dockerfile

import (
	"fmt"
	"strings"
	"testing"
)

func TestWorkdirAndUserAt(t *testing.T) {
	src := `ARG BASE=/srv
FROM debian AS a
RUN pwd
WORKDIR app
USER 1000:1000
ARG BASE
WORKDIR ${BASE}/x
RUN pwd
FROM a AS b
RUN pwd
WORKDIR ../y
USER root
RUN pwd
FROM debian
WORKDIR $UNKNOWN
WORKDIR rel
RUN pwd
`
	f, err := Parse("Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range f.Instructions {
		if in.Cmd == "run" {
			got = append(got, fmt.Sprintf("%d:%s:%s", in.StartLine, f.WorkdirAt(in), f.UserAt(in)))
		}
	}
	// stage b starts where a ended; an unresolvable WORKDIR makes the rest unknown ("").
	want := []string{"3:/:", "8:/srv/x:1000:1000", "10:/srv/x:1000:1000", "13:/srv/y:root", "17::"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if wd := f.WorkdirAt(f.GlobalArgs[0]); wd != "/" {
		t.Errorf("global ARG: workdir %q", wd)
	}
}
