package optimize

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
)

// optimizeDir optimizes dir's Dockerfile (name df) with opt.
func optimizeDir(t *testing.T, dir, df string, opt Options) (*Result, *dockerfile.File, error) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, df))
	if err != nil {
		t.Fatal(err)
	}
	f, err := dockerfile.Parse(df, src, dockerfile.Options{BuildArgs: opt.BuildArgs})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := buildctx.Scan(dir, df)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Optimize(f, ctx, opt)
	if err != nil {
		return nil, nil, err
	}
	out, err := dockerfile.Parse(df, res.Dockerfile, dockerfile.Options{BuildArgs: opt.BuildArgs})
	if err != nil {
		t.Fatalf("the output does not parse: %v\n%s", err, res.Dockerfile)
	}
	return res, out, nil
}

// The real-world awesome-compose flask service: compose builds `builder`, and a dev-envs
// stage built FROM it follows. The stage that ships gets the user; dev-envs runs its build
// steps as root as before.
func TestTargetStageGetsTheUser(t *testing.T) {
	dir := copyContext(t, "../testdata/realworld/ac-flask/app")
	res, out, err := optimizeDir(t, dir, "Dockerfile", Options{Target: "builder"})
	if err != nil {
		t.Fatal(err)
	}
	builder := out.StageByName("builder")
	if u := out.UserEnd(builder); u != "10001:10001" {
		t.Errorf("builder ends as %q, want 10001:10001\n%s", u, res.Dockerfile)
	}
	dev := out.StageByName("dev-envs")
	if u := out.UserAt(dev.Instructions[2]); u != "root" {
		t.Errorf("dev-envs builds as %q, want root\n%s", u, res.Dockerfile)
	}
	if res.User != "10001:10001" {
		t.Errorf("Result.User = %q", res.User)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "build target is stage builder") {
		t.Errorf("no note on the stages after the target: %q", res.Notes)
	}
	// idempotent: optimizing the output changes nothing
	os.WriteFile(filepath.Join(dir, "Dockerfile"), res.Dockerfile, 0o644)
	again, _, err := optimizeDir(t, dir, "Dockerfile", Options{Target: "builder"})
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Dockerfile) != string(res.Dockerfile) {
		t.Errorf("a second optimize changed the output:\n%s\n---\n%s", res.Dockerfile, again.Dockerfile)
	}
}

func TestUnknownTarget(t *testing.T) {
	dir := copyContext(t, "../testdata/realworld/ac-flask/app")
	_, _, err := optimizeDir(t, dir, "Dockerfile", Options{Target: "prod"})
	var te *TargetError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *TargetError", err)
	}
	for _, want := range []string{"Dockerfile", `"prod"`, "builder", "dev-envs"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

// Without a target the last stage ships, as `docker build` without --target builds it.
func TestNoTargetIsLastStage(t *testing.T) {
	dir := copyContext(t, "../testdata/realworld/ac-flask/app")
	res, out, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if u := out.UserEnd(out.FinalStage()); dockerfile.RunsAsRoot(u) {
		t.Errorf("last stage ends as %q\n%s", u, res.Dockerfile)
	}
	if u := out.UserEnd(out.StageByName("builder")); u != "" {
		t.Errorf("builder got user %q although the last stage ships", u)
	}
}

// A stack with no recipe is named, not declined silently.
func TestUnhandledStackNamed(t *testing.T) {
	dir := writeContext(t, map[string]string{"Gemfile": "source 'https://rubygems.org'\n", "Dockerfile": "FROM ruby:3.3\nWORKDIR /src\nCOPY . .\nRUN bundle install\nCMD [\"ruby\", \"app.rb\"]\n"})
	res, _, err := optimizeDir(t, dir, "Dockerfile", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.EcosystemWhy, "Ruby (Gemfile)") {
		t.Errorf("EcosystemWhy = %q", res.EcosystemWhy)
	}
}
