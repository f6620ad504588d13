package pkgmgr_test

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
)

func TestInstalled(t *testing.T) {
	src := `FROM debian:12 AS base
ARG EXTRA="jq tini"
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 gcc $EXTRA \
    && apt-get purge -y gcc
FROM base AS app
RUN apk add --no-cache --virtual .build make && apk del .build
RUN apt-get install -y libpq5
FROM debian:12 AS other
RUN apt-get install -y git
`
	f, err := dockerfile.Parse("Dockerfile", []byte(src), dockerfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(pkgmgr.Installed(f, f.StageByName("app")), " ")
	if want := "curl jq libpq5 tini"; got != want {
		t.Errorf("Installed(app) = %q, want %q", got, want)
	}
	if got := strings.Join(pkgmgr.Installed(f, f.StageByName("other")), " "); got != "git" {
		t.Errorf("Installed(other) = %q, want git", got)
	}
}
