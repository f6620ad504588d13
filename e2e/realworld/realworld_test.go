package realworld

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/dockopt/dockopt/compose"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/e2e/e2eutil"
	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/engine/enginetest"
	"github.com/dockopt/dockopt/internal/testenv"
)

// The real-world suite (issue 10): real open-source services vendored under
// testdata/realworld/<name>/, each with a dockopt-test.yaml manifest (rwManifest). For each:
// `dockopt optimize` (the built CLI), then the original and the optimized Dockerfile are each
// built cold, run, and probed; the optimized side must also run as non-root and be smaller.
//
// What today's optimizer gets wrong is written in the manifests as expected failures, with the
// step where it fails and the exact fault. The test fails when a service fails where nothing
// is expected, fails at another step or with another fault than the one written down, and when
// an expected failure no longer happens (so that the list stays true: fix the manifest in the
// change that fixes the optimizer). testdata/realworld/README.md explains the format and lists
// the services whose original cannot build or run here.
//
// It runs with DOCKOPT_E2E=1 (which .ci/run sets) or CI=true; DOCKOPT_RW_ONLY=name[,name]
// runs some services; DOCKOPT_RW_RESULTS=FILE writes the results table (Markdown) there;
// DOCKOPT_RW_WARM=1 lets the builds use the build cache (for reruns; times are then not cold);
// DOCKOPT_E2E_OUT=DIR keeps each service's optimize output in DIR/realworld/<name>/.

// rwManifest is testdata/realworld/<name>/dockopt-test.yaml.
type rwManifest struct {
	// Name tells apart the entries of a manifest with several YAML documents (a repository
	// whose compose file builds several services): the entry is then <directory>/<name>.
	Name string `yaml:"name"`
	// Stack names the ecosystem and package manager ("node/yarn", "python/pip", "go").
	Stack string `yaml:"stack"`
	// Context is the build context, relative to the service's directory (default ".");
	// Dockerfile is relative to the context (default "Dockerfile").
	Context    string `yaml:"context"`
	Dockerfile string `yaml:"dockerfile"`
	// Compose and Service name the compose file (relative to the service's directory) and
	// the compose service this entry stands for; Target is the stage that compose builds
	// (build.target), "" for the last stage. The suite builds Target on both sides.
	Compose string `yaml:"compose"`
	Service string `yaml:"service"`
	Target  string `yaml:"target"`
	// Touch is a source file of the build context (relative to it) that the suite changes
	// after each cold build, to time the code-only rebuild with the build cache ("" skips it).
	Touch string `yaml:"touch"`
	// BuildArgs are passed to both builds (compose's build.args).
	BuildArgs map[string]string `yaml:"build_args"`
	// Port is the container port probed; Env are NAME=VALUE pairs for both containers.
	Port int      `yaml:"port"`
	Env  []string `yaml:"env"`
	// Probes are HTTP GETs made on both containers; the first is also the readiness probe
	// of an image without HEALTHCHECK.
	Probes []rwProbe `yaml:"probes"`
	// GoldenOnly, when set, says why the service cannot be built here: only
	// `dockopt optimize` runs, and its output must parse.
	GoldenOnly string `yaml:"golden_only"`
	// Original and Optimized are what is expected of each side.
	Original  rwExpect `yaml:"original"`
	Optimized rwExpect `yaml:"optimized"`
	// Runtimes are the `dockopt optimize --runtime` values the entry is optimized with
	// (default [slim]: today's output, the optimized side). Each other one (distroless,
	// scratch) is one more side: optimized again with that --runtime, built, run and probed
	// like the optimized side, and its probes must answer what the slim side's answered,
	// status and body; Distroless is what is expected of the distroless side.
	Runtimes   []string `yaml:"runtimes"`
	Distroless rwExpect `yaml:"distroless"`
}

type rwProbe struct {
	Path string `yaml:"path"`
	// Status is the expected HTTP status (default 200); Contains a string the body must hold.
	Status   int    `yaml:"status"`
	Contains string `yaml:"contains"`
}

type rwExpect struct {
	// Skip (original side only) says why the original is not built or run here at all.
	Skip string `yaml:"skip"`
	// Fail is an expected failure.
	Fail *rwFail `yaml:"expect_fail"`
	// SameSize (optimized side only) says why the optimized image is not expected to be
	// smaller (its original is already on the slim base with nothing to move out): the
	// size step then only requires it not to be larger than the original by more than
	// rwMinReduction. The report's "smaller" check still says "not ok" at 0%.
	SameSize string `yaml:"same_size"`
}

// rwFail is an expected failure: the step where it happens (rwSteps), the fault in words,
// and a string that must appear in what the failing step reported (build log, container
// log, probe answer...).
type rwFail struct {
	Step  string `yaml:"step"`
	Fault string `yaml:"fault"`
	Match string `yaml:"match"`
}

// rwMinReduction is the least size reduction that counts as "smaller".
const rwMinReduction = 0.01

// rwSteps are the checks of one side, in the order they run; a side stops at the first that
// fails. root and size apply to the optimized side only.
var rwSteps = []string{"optimize", "build", "run", "probe", "root", "size"}

// rwSide is the outcome of one side.
type rwSide struct {
	Ran bool
	// Step is the first step that failed ("" when all passed); Detail what it reported.
	Step, Detail string
	// Stage is the stage built ("" for the last one); Note says why another one was built.
	Stage, Note  string
	SizeBytes    int64
	BuildSeconds float64
	// RebuildSeconds is the code-only rebuild (0 when the manifest names no touch file).
	RebuildSeconds float64
	Healthy        time.Duration
	UID            int
	User           string
	Probes         []rwAnswer
}

type rwAnswer struct {
	Status int
	Body   string
	Err    string
}

type rwRow struct {
	Name, Stack, Verdict string
	Multi, Compose       string
	Orig, Opt            rwSide
	OrigExpect, OptExp   rwExpect
	GoldenOnly           string
	Seconds              float64
	// Runtimes are the sides of the manifest's other --runtime values, in its order.
	Runtimes []rwRuntime
}

// rwRuntime is the side optimized with one more --runtime (distroless, scratch).
type rwRuntime struct {
	Runtime string
	Side    rwSide
	Expect  rwExpect
	// Base is the base image of the stage that ships, as the optimized Dockerfile names it.
	Base, Verdict string
}

// rwWarm is DOCKOPT_RW_WARM=1: builds may use the build cache (quick reruns while editing a
// manifest); the build times are then not cold ones, and the table says so.
func rwWarm() bool { return os.Getenv("DOCKOPT_RW_WARM") == "1" }

func rwEnabled() bool {
	return os.Getenv("DOCKOPT_E2E") == "1" || testenv.InCI()
}

func TestRealWorld(t *testing.T) {
	if !rwEnabled() {
		t.Skip("skipped: the real-world suite runs with DOCKOPT_E2E=1 (about 15 minutes; .ci/run sets it)")
	}
	if testing.Short() {
		e2eutil.Need(t, "-short")
	}
	if dl, ok := t.Deadline(); ok && time.Until(dl) < 20*time.Minute {
		e2eutil.Need(t, "the test timeout leaves %s; the real-world suite needs 20 minutes (go test -timeout 30m -run TestRealWorld ./e2e/)", time.Until(dl).Round(time.Second))
	}
	start := time.Now()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	names, manifests := loadRealWorld(t, root)
	probeEng := enginetest.New(t)
	var missing []string
	for _, b := range []string{"python:3.11-slim", "node:20", "node:20-slim", "golang:1.26"} {
		if _, err := probeEng.InspectImage(ctx, b); err != nil {
			missing = append(missing, b)
		}
	}
	if len(missing) > 0 {
		e2eutil.Need(t, "base images %s are not in the engine's image store (bash testdata/bases/build.sh)", strings.Join(missing, ", "))
	}
	if e2eutil.IsStandIn(ctx, probeEng, "python:3.11-slim") {
		e2eutil.StartPyIndex(t, root)
		// flask (the first real-world entries), python-decouple (flask-whoami, added later)
		for _, pkg := range []string{"flask", "python-decouple"} {
			if !e2eutil.Answers("http://127.0.0.1:3141/simple/" + pkg + "/") {
				t.Fatalf("the offline Python index does not serve %s: an index built by an older debwheels.py is running (testdata/bases/pyindex/serve.sh --stop, then serve.sh)", pkg)
			}
		}
	}
	bin := e2eutil.BuildCLI(t, root)
	only := map[string]bool{}
	for _, n := range strings.Split(os.Getenv("DOCKOPT_RW_ONLY"), ",") {
		if n = strings.TrimSpace(n); n != "" {
			only[n] = true
		}
	}
	var rows []rwRow
	for _, name := range names {
		if len(only) > 0 && !only[name] {
			continue
		}
		m := manifests[name]
		t.Run(name, func(t *testing.T) {
			rows = append(rows, runRealWorld(ctx, t, root, bin, name, m))
		})
		if ctx.Err() != nil {
			t.Fatal("interrupted")
		}
	}
	table := rwTable(rows, time.Since(start))
	t.Logf("real-world suite, %s:\n%s", time.Since(start).Round(time.Second), table)
	if p := os.Getenv("DOCKOPT_RW_RESULTS"); p != "" {
		if err := os.WriteFile(p, []byte(table), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// loadRealWorld reads every manifest (a manifest that does not parse fails the test).
func loadRealWorld(t *testing.T, root string) ([]string, map[string]rwManifest) {
	t.Helper()
	dir := filepath.Join(root, "testdata", "realworld")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ms := map[string]rwManifest{}
	var names []string
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name(), "dockopt-test.yaml"))
		if err != nil {
			t.Errorf("%s: %v (every service needs a manifest)", e.Name(), err)
			continue
		}
		// Vendored code keeps its licence and says where it comes from (SOURCE.md); a fixture
		// of our own says so ("Not vendored") instead of carrying a LICENSE.
		source, err := os.ReadFile(filepath.Join(dir, e.Name(), "SOURCE.md"))
		if err != nil {
			t.Errorf("%s: no SOURCE.md", e.Name())
		} else if !hasLicense(filepath.Join(dir, e.Name())) && !strings.Contains(string(source), "Not vendored") {
			t.Errorf("%s: no LICENSE", e.Name())
		}
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		for {
			var m rwManifest
			if err := dec.Decode(&m); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s/dockopt-test.yaml: %v", e.Name(), err)
				break
			}
			if err := m.validate(); err != nil {
				t.Errorf("%s/dockopt-test.yaml: %v", e.Name(), err)
				continue
			}
			name := e.Name()
			if m.Name != "" {
				name += "/" + m.Name
			}
			if _, dup := ms[name]; dup {
				t.Errorf("%s/dockopt-test.yaml: two entries named %q", e.Name(), name)
			}
			ms[name] = m
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, ms
}

func hasLicense(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "LICEN[CS]E*"))
	return len(m) > 0
}

func (m *rwManifest) validate() error {
	if m.Context == "" {
		m.Context = "."
	}
	if m.Dockerfile == "" {
		m.Dockerfile = "Dockerfile"
	}
	if m.Stack == "" {
		return errors.New("stack is required")
	}
	if m.GoldenOnly != "" {
		return nil
	}
	if m.Port == 0 || len(m.Probes) == 0 {
		return errors.New("port and probes are required (or golden_only with the reason)")
	}
	for i := range m.Probes {
		if m.Probes[i].Status == 0 {
			m.Probes[i].Status = 200
		}
	}
	if len(m.Runtimes) == 0 {
		m.Runtimes = []string{"slim"}
	}
	if m.Runtimes[0] != "slim" {
		return errors.New("runtimes: the first is slim (the optimized side, which the others are compared with)")
	}
	for _, rt := range m.Runtimes[1:] {
		if rt != "distroless" && rt != "scratch" {
			return fmt.Errorf("runtimes: %q is not one of dockopt optimize --runtime's others (distroless, scratch)", rt)
		}
	}
	if m.Distroless != (rwExpect{}) && !slices.Contains(m.Runtimes, "distroless") {
		return errors.New("distroless: expectations for a runtime the entry does not list")
	}
	for side, e := range map[string]rwExpect{"original": m.Original, "optimized": m.Optimized, "distroless": m.Distroless} {
		if e.Skip != "" && side != "original" {
			return fmt.Errorf("%s: skip is not allowed (the optimized sides always run)", side)
		}
		if e.SameSize != "" && side == "original" {
			return errors.New("original: same_size applies to the optimized side only")
		}
		if e.Fail == nil {
			continue
		}
		ok := false
		for _, s := range rwSteps {
			ok = ok || s == e.Fail.Step
		}
		if !ok || e.Fail.Fault == "" || e.Fail.Match == "" {
			return fmt.Errorf("%s.expect_fail needs step (one of %s), fault and match", side, strings.Join(rwSteps, ", "))
		}
	}
	return nil
}

func runRealWorld(ctx context.Context, t *testing.T, root, bin, name string, m rwManifest) rwRow {
	t0 := time.Now()
	row := rwRow{Name: name, Stack: m.Stack, OrigExpect: m.Original, OptExp: m.Optimized, GoldenOnly: m.GoldenOnly}
	eng := enginetest.New(t) // its Cleanup removes the images and containers made here
	svcDir, _, _ := strings.Cut(name, "/")
	dir := filepath.Join(t.TempDir(), svcDir)
	e2eutil.CopyTracked(t, root, filepath.Join("testdata", "realworld", svcDir), dir)
	ctxDir := filepath.Join(dir, m.Context)
	origDF := filepath.Join(ctxDir, m.Dockerfile)
	src, err := os.ReadFile(origDF)
	if err != nil {
		t.Fatal(err)
	}
	row.Multi, row.Compose = describe(src, m)

	out := filepath.Join(t.TempDir(), "out")
	if keep := os.Getenv("DOCKOPT_E2E_OUT"); keep != "" {
		out = filepath.Join(keep, "realworld", strings.ReplaceAll(name, "/", "-"))
	}
	args, outDir := optimizeArgs(t, dir, ctxDir, origDF, out, m)
	optOut, optErr := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	optimized := filepath.Join(outDir, filepath.Base(m.Dockerfile)+".optimized")
	if optErr == nil {
		if _, err := os.Stat(optimized); err != nil {
			optErr = fmt.Errorf("no %s written", optimized)
		}
	}
	if optErr == nil {
		data, _ := os.ReadFile(optimized)
		if _, err := dockerfile.Parse(optimized, data, dockerfile.Options{}); err != nil {
			optErr = fmt.Errorf("%s does not parse: %v", filepath.Base(optimized), err)
		}
	}

	if m.GoldenOnly != "" {
		row.Orig.Detail = "not built: " + m.GoldenOnly
		if optErr != nil {
			row.Opt = rwSide{Ran: true, Step: "optimize", Detail: fmt.Sprintf("%v\n%s", optErr, optOut)}
		} else {
			row.Opt = rwSide{Ran: true}
		}
		row.Verdict = judge(t, "optimized", row.Opt, m.Optimized)
		row.Seconds = time.Since(t0).Seconds()
		return row
	}

	buildArgs := append([]string(nil), registryArgsFor(src)...)
	for _, k := range sortedKeys(m.BuildArgs) {
		buildArgs = append(buildArgs, k+"="+m.BuildArgs[k])
	}
	tag := "rw-" + strings.ReplaceAll(name, "/", "-") + "-" + randomSuffix()

	// The original, as compose builds it.
	if m.Original.Skip != "" {
		row.Orig.Detail = "not run: " + m.Original.Skip
	} else {
		row.Orig = runSide(ctx, t, eng, sideSpec{name: "original", dockerfile: origDF, ctxDir: ctxDir, target: m.Target,
			tag: tag + "-orig", buildArgs: buildArgs, m: m})
	}
	origVerdict := judge(t, "original", row.Orig, m.Original)

	// The optimized Dockerfile, with the generated .dockerignore, same target when it has it.
	if optErr != nil {
		row.Opt = rwSide{Ran: true, Step: "optimize", Detail: fmt.Sprintf("%v\n%s", optErr, optOut)}
	} else {
		optCtx := filepath.Join(t.TempDir(), "ctx")
		copyDir(t, ctxDir, optCtx)
		for _, ig := range []string{".dockerignore", ".dockerignore.suggested"} {
			if data, err := os.ReadFile(filepath.Join(outDir, ig)); err == nil {
				if err := os.WriteFile(filepath.Join(optCtx, ".dockerignore"), data, 0o644); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
		optSrc, _ := os.ReadFile(optimized)
		row.Opt = runSide(ctx, t, eng, sideSpec{name: "optimized", dockerfile: optimized, ctxDir: optCtx, target: m.Target,
			tag: tag + "-opt", buildArgs: appendMissing(buildArgs, registryArgsFor(optSrc)), m: m, orig: &row.Orig})
	}
	optVerdict := judge(t, "optimized", row.Opt, m.Optimized)
	for _, rt := range m.Runtimes[1:] {
		row.Runtimes = append(row.Runtimes, runRuntime(ctx, t, eng, bin, rt, dir, ctxDir, origDF, out, tag, buildArgs, m, &row))
	}
	row.Verdict = optVerdict
	if origVerdict != "ok" && m.Original.Skip == "" {
		row.Verdict = "original: " + origVerdict + "; optimized: " + optVerdict
	}
	row.Seconds = time.Since(t0).Seconds()
	t.Logf("%s in %s: original %s; optimized %s", name, time.Since(t0).Round(time.Second), sideSummary(row.Orig), sideSummary(row.Opt))
	return row
}

// runRuntime optimizes the entry again with --runtime rt (its outputs in OUT-rt), then builds,
// runs and probes that side as the optimized one, and requires its probes to answer what the
// slim side's answered (status and body) and, for distroless, the image's nonroot user.
func runRuntime(ctx context.Context, t *testing.T, eng *engine.Engine, bin, rt, dir, ctxDir, origDF, out, tag string, buildArgs []string, m rwManifest, row *rwRow) rwRuntime {
	r := rwRuntime{Runtime: rt}
	if rt == "distroless" {
		r.Expect = m.Distroless
	}
	args, outDir := optimizeArgs(t, dir, ctxDir, origDF, out+"-"+rt, m)
	args = append(args, "--runtime", rt)
	optOut, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	optimized := filepath.Join(outDir, filepath.Base(m.Dockerfile)+".optimized")
	var optSrc []byte
	if err == nil {
		optSrc, err = os.ReadFile(optimized)
	}
	var f *dockerfile.File
	if err == nil {
		f, err = dockerfile.Parse(optimized, optSrc, dockerfile.Options{})
	}
	if err != nil {
		r.Side = rwSide{Ran: true, Step: "optimize", Detail: fmt.Sprintf("%v\n%s", err, optOut)}
		r.Verdict = judge(t, rt, r.Side, r.Expect)
		return r
	}
	if st := shippedStage(f, m.Target); st != nil {
		r.Base = st.BaseName
	}
	optCtx := filepath.Join(t.TempDir(), "ctx")
	copyDir(t, ctxDir, optCtx)
	for _, ig := range []string{".dockerignore", ".dockerignore.suggested"} {
		if data, err := os.ReadFile(filepath.Join(outDir, ig)); err == nil {
			if err := os.WriteFile(filepath.Join(optCtx, ".dockerignore"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	r.Side = runSide(ctx, t, eng, sideSpec{name: rt, dockerfile: optimized, ctxDir: optCtx, target: m.Target,
		tag: tag + "-" + rt, buildArgs: appendMissing(buildArgs, registryArgsFor(optSrc)), m: m, orig: &row.Orig})
	if r.Side.Step == "" {
		r.Side = sameAsSlim(r.Side, row.Opt, rt)
	}
	r.Verdict = judge(t, rt, r.Side, r.Expect)
	return r
}

// sameAsSlim fails a runtime side whose probes answer otherwise than the slim side's (status
// or body), or a distroless image that does not run as the images' nonroot user (65532).
func sameAsSlim(r, slim rwSide, rt string) rwSide {
	if rt == "distroless" && !strings.HasPrefix(r.User, "65532") {
		r.Step, r.Detail = "root", fmt.Sprintf("USER %q, want the distroless nonroot user 65532", r.User)
		return r
	}
	if slim.Step != "" || len(slim.Probes) != len(r.Probes) {
		return r // the slim side failed: nothing to compare with (its own verdict says so)
	}
	var bad []string
	for i, a := range r.Probes {
		if b := slim.Probes[i]; a.Status != b.Status || a.Body != b.Body {
			bad = append(bad, fmt.Sprintf("probe %d: %d %s, the slim side answered %d %s", i+1, a.Status, clipRW(a.Body, 200), b.Status, clipRW(b.Body, 200)))
		}
	}
	if len(bad) > 0 {
		r.Step, r.Detail = "probe", strings.Join(bad, "\n")
	}
	return r
}

// shippedStage is the stage an entry builds: target, else the last one.
func shippedStage(f *dockerfile.File, target string) *dockerfile.Stage {
	for _, st := range f.Stages {
		if target != "" && st.Name == strings.ToLower(target) {
			return st
		}
	}
	if len(f.Stages) == 0 {
		return nil
	}
	return f.Stages[len(f.Stages)-1]
}

// optimizeArgs is the dockopt optimize command line for an entry, and the directory its
// outputs land in. An entry whose compose service builds this context and Dockerfile is
// optimized as a user would: `dockopt optimize DIR --service S --out OUT` from the compose
// file's directory (outputs in OUT/S/; --target only when the manifest builds another stage
// than compose); any other is `dockopt optimize CTX -f DOCKERFILE --target T --out OUT`.
func optimizeArgs(t *testing.T, dir, ctxDir, origDF, out string, m rwManifest) ([]string, string) {
	var bargs []string
	for _, k := range sortedKeys(m.BuildArgs) {
		bargs = append(bargs, "--build-arg", k+"="+m.BuildArgs[k])
	}
	if m.Compose != "" && m.Service != "" {
		composeFile := filepath.Join(dir, m.Compose)
		proj, err := compose.LoadComposeProject(composeFile)
		if err != nil {
			t.Fatalf("%s: %v", m.Compose, err)
		}
		if s := proj.Service(m.Service); s != nil && sameFile(s.Context, ctxDir) && sameFile(s.Dockerfile, origDF) {
			args := []string{"optimize", filepath.Dir(composeFile), "--service", m.Service, "--out", out}
			if m.Target != "" && !strings.EqualFold(s.Target, m.Target) {
				args = append(args, "--target", m.Target)
			}
			return append(args, bargs...), filepath.Join(out, m.Service)
		}
	}
	args := []string{"optimize", ctxDir, "--out", out, "-f", m.Dockerfile}
	if m.Target != "" {
		args = append(args, "--target", m.Target)
	}
	return append(args, bargs...), out
}

// codeOnlyRebuild appends a comment line to the manifest's touch file (a source file of the
// build context), rebuilds the side with the build cache of its cold build, restores the
// file and returns the rebuild's seconds: what a developer waits after changing code.
func codeOnlyRebuild(ctx context.Context, eng *engine.Engine, s sideSpec, dfPath string) (float64, error) {
	file := filepath.Join(s.ctxDir, filepath.FromSlash(s.m.Touch))
	orig, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	st, err := os.Stat(file)
	if err != nil {
		return 0, err
	}
	comment := "\n// dockopt code-only change\n"
	if ext := filepath.Ext(file); ext == ".py" || ext == ".rb" || ext == ".sh" {
		comment = "\n# dockopt code-only change\n"
	}
	if err := os.WriteFile(file, append(append([]byte{}, orig...), comment...), st.Mode()); err != nil {
		return 0, err
	}
	defer os.WriteFile(file, orig, st.Mode())
	b, err := eng.Build(ctx, engine.BuildOptions{ContextDir: s.ctxDir, Dockerfile: dfPath, DisplayName: s.name + " Dockerfile (code-only change)",
		Tag: s.tag, BuildArgs: s.buildArgs, Network: "host"})
	if err != nil {
		return 0, err
	}
	return b.Seconds, nil
}

func sameFile(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

type sideSpec struct {
	name, dockerfile, ctxDir, target, tag string
	buildArgs                             []string
	m                                     rwManifest
	orig                                  *rwSide // the original's outcome, for the optimized side
}

// runSide builds, runs and probes one side and returns where it stopped.
func runSide(ctx context.Context, t *testing.T, eng *engine.Engine, s sideSpec) rwSide {
	r := rwSide{Ran: true, UID: -1}
	fail := func(step, detail string) rwSide {
		r.Step, r.Detail = step, detail
		return r
	}
	src, err := os.ReadFile(s.dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	df, stage, note, err := cutAtStage(src, s.target)
	if err != nil {
		return fail("build", err.Error())
	}
	r.Stage, r.Note = stage, note
	dfPath := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(dfPath, df, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: building %s (stage %q)", s.name, s.dockerfile, stage)
	b, err := eng.Build(ctx, engine.BuildOptions{ContextDir: s.ctxDir, Dockerfile: dfPath, DisplayName: s.name + " Dockerfile",
		Tag: s.tag, NoCache: !rwWarm(), BuildArgs: s.buildArgs, Network: "host"})
	if err != nil {
		return fail("build", err.Error())
	}
	r.BuildSeconds = b.Seconds
	if s.m.Touch != "" {
		secs, err := codeOnlyRebuild(ctx, eng, s, dfPath)
		if err != nil {
			return fail("build", "code-only rebuild: "+err.Error())
		}
		r.RebuildSeconds = secs
	}
	info, err := eng.InspectImage(ctx, s.tag)
	if err != nil {
		return fail("build", err.Error())
	}
	r.SizeBytes, r.User = info.SizeBytes, info.User

	ro := engine.RunOptions{Image: s.tag, Name: s.tag, Port: s.m.Port, Env: s.m.Env}
	if info.HasHealthcheck {
		ro.HealthInterval = time.Second
	}
	c, err := eng.Run(ctx, ro)
	if err != nil {
		return fail("run", err.Error())
	}
	defer eng.RemoveContainer(context.WithoutCancel(ctx), c)
	base := fmt.Sprintf("http://127.0.0.1:%d", c.HostPort)
	if err := waitServing(ctx, eng, c, info.HasHealthcheck, base+s.m.Probes[0].Path, 90*time.Second); err != nil {
		return fail("run", err.Error())
	}
	r.Healthy = time.Since(c.Started)
	var bad []string
	for i, p := range s.m.Probes {
		a := get(ctx, base+p.Path)
		r.Probes = append(r.Probes, a)
		switch {
		case a.Err != "":
			bad = append(bad, fmt.Sprintf("GET %s: %s", p.Path, a.Err))
		case a.Status != p.Status:
			bad = append(bad, fmt.Sprintf("GET %s: status %d, want %d: %s", p.Path, a.Status, p.Status, clipRW(a.Body, 300)))
		case p.Contains != "" && !strings.Contains(a.Body, p.Contains):
			bad = append(bad, fmt.Sprintf("GET %s: body lacks %q: %s", p.Path, p.Contains, clipRW(a.Body, 300)))
		case s.orig != nil && s.orig.Step == "" && len(s.orig.Probes) > i && s.orig.Probes[i].Status != a.Status:
			bad = append(bad, fmt.Sprintf("GET %s: status %d, the original answered %d", p.Path, a.Status, s.orig.Probes[i].Status))
		}
	}
	if res, err := eng.Exec(ctx, c, "id", "-u"); err == nil && res.ExitCode == 0 {
		if uid, err := strconv.Atoi(strings.TrimSpace(res.Output)); err == nil {
			r.UID = uid
		}
	}
	if len(bad) > 0 {
		return fail("probe", strings.Join(bad, "\n"))
	}
	if s.orig == nil {
		return r
	}
	root := r.UID == 0 || (r.UID < 0 && dockerfile.RunsAsRoot(r.User))
	if root {
		return fail("root", fmt.Sprintf("runs as root (USER %q, id -u %d)", r.User, r.UID))
	}
	if same := s.m.Optimized.SameSize; same != "" {
		if s.orig.SizeBytes > 0 && float64(r.SizeBytes) > float64(s.orig.SizeBytes)*(1+rwMinReduction) {
			return fail("size", fmt.Sprintf("larger: %d → %d bytes (%+.1f%%; same_size: %s)", s.orig.SizeBytes, r.SizeBytes,
				(float64(r.SizeBytes)/float64(s.orig.SizeBytes)-1)*100, same))
		}
		return r
	}
	// "smaller" is never 0% (issue 10): at least rwMinReduction of the original's size.
	if s.orig.SizeBytes > 0 && float64(r.SizeBytes) > float64(s.orig.SizeBytes)*(1-rwMinReduction) {
		return fail("size", fmt.Sprintf("not smaller: %d → %d bytes (%+.1f%%, want at least −%.0f%%)", s.orig.SizeBytes, r.SizeBytes,
			(float64(r.SizeBytes)/float64(s.orig.SizeBytes)-1)*100, rwMinReduction*100))
	}
	return r
}

// waitServing waits until the container is healthy (its HEALTHCHECK) or, without one, until
// url answers below 500. An exit, an "unhealthy" status or the timeout is an error carrying
// the container's last log lines.
func waitServing(ctx context.Context, eng *engine.Engine, c *engine.Container, useHealth bool, url string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		st, err := eng.State(ctx, c)
		if err != nil {
			return err
		}
		logs := func() string { return strings.Join(eng.Logs(ctx, c, 15), "\n  | ") }
		if !st.Running {
			return fmt.Errorf("container exited with code %d; last log lines:\n  | %s", st.ExitCode, logs())
		}
		if useHealth && st.Health != nil {
			switch st.Health.Status {
			case "healthy":
				return nil
			case "unhealthy":
				probe := ""
				if n := len(st.Health.Log); n > 0 {
					probe = strings.TrimSpace(st.Health.Log[n-1].Output)
				}
				return fmt.Errorf("container unhealthy; last health probe output: %s; last log lines:\n  | %s", clipRW(probe, 400), logs())
			}
		} else if a := get(ctx, url); a.Err == "" && a.Status < 500 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not serving within %s; last log lines:\n  | %s", timeout, logs())
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func get(ctx context.Context, url string) rwAnswer {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return rwAnswer{Err: err.Error()}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return rwAnswer{Err: err.Error()}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return rwAnswer{Status: resp.StatusCode, Body: string(body)}
}

// cutAtStage returns the Dockerfile cut after the stage target (which is then its last
// stage, so building it is `--target target`). When the file has no such stage, it is
// returned whole with a note (the optimizer renamed or dropped the stage compose builds).
func cutAtStage(src []byte, target string) ([]byte, string, string, error) {
	if target == "" {
		return src, "", "", nil
	}
	f, err := dockerfile.Parse("Dockerfile", src, dockerfile.Options{})
	if err != nil {
		return nil, "", "", err
	}
	for i, st := range f.Stages {
		if st.Name != strings.ToLower(target) {
			continue
		}
		if i+1 < len(f.Stages) {
			return src[:f.Stages[i+1].From.StartOffset], target, "", nil
		}
		return src, target, "", nil
	}
	last := f.Stages[len(f.Stages)-1].Name
	return src, last, fmt.Sprintf("no stage %q: built the last stage %q", target, last), nil
}

// judge compares a side's outcome with what the manifest expects, reports any difference as
// a test error, and returns the verdict's words.
func judge(t *testing.T, side string, r rwSide, e rwExpect) string {
	t.Helper()
	if !r.Ran {
		return "not run"
	}
	switch {
	case e.Fail == nil && r.Step == "":
		return "ok"
	case e.Fail == nil:
		t.Errorf("%s: fails at %s: %s", side, r.Step, r.Detail)
		return "FAILS at " + r.Step
	case r.Step == "":
		t.Errorf("%s: the expected failure at %s (%s) no longer happens: remove it from dockopt-test.yaml", side, e.Fail.Step, e.Fail.Fault)
		return "PASSES (expected failure gone)"
	case r.Step != e.Fail.Step:
		t.Errorf("%s: fails at %s, but the manifest expects %s (%s): %s", side, r.Step, e.Fail.Step, e.Fail.Fault, r.Detail)
		return "FAILS at " + r.Step + " (expected " + e.Fail.Step + ")"
	case !strings.Contains(r.Detail, e.Fail.Match):
		t.Errorf("%s: fails at %s as expected, but without %q (the fault changed?): %s", side, r.Step, e.Fail.Match, r.Detail)
		return "FAILS at " + r.Step + " (other fault)"
	}
	t.Logf("%s: expected failure at %s: %s", side, r.Step, e.Fail.Fault)
	return "expected failure at " + r.Step
}

func describe(src []byte, m rwManifest) (multi, compose string) {
	f, err := dockerfile.Parse("Dockerfile", src, dockerfile.Options{})
	if err == nil {
		multi = strconv.Itoa(len(f.Stages))
	}
	if m.Compose != "" {
		compose = m.Service
		if m.Target != "" {
			compose += " → " + m.Target
		}
	}
	return multi, compose
}

func sideSummary(r rwSide) string {
	if !r.Ran {
		return r.Detail
	}
	if r.Step != "" {
		return fmt.Sprintf("fails at %s: %s", r.Step, firstLineRW(r.Detail))
	}
	return fmt.Sprintf("ok: %s, built in %.0fs, serving after %s, uid %d", mb(r.SizeBytes), r.BuildSeconds, r.Healthy.Round(100*time.Millisecond), r.UID)
}

// rwTable is the Markdown results table written into bench/RESULTS.md.
func rwTable(rows []rwRow, total time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| service | stack | stages | compose target | original | optimized | size before → after | cold build before / after | code-only rebuild before / after | verdict |\n")
	b.WriteString("|---|---|---:|---|---|---|---|---|---|---|\n")
	var reductions []float64
	for _, r := range rows {
		size, build, rebuild := "—", "—", "—"
		if r.Orig.SizeBytes > 0 && r.Opt.SizeBytes > 0 {
			change := (float64(r.Opt.SizeBytes)/float64(r.Orig.SizeBytes) - 1) * 100
			size = fmt.Sprintf("%s → %s (%+.0f%%)", mb(r.Orig.SizeBytes), mb(r.Opt.SizeBytes), change)
			reductions = append(reductions, change)
		} else if r.Opt.SizeBytes > 0 {
			size = "— → " + mb(r.Opt.SizeBytes)
		} else if r.Orig.SizeBytes > 0 {
			size = mb(r.Orig.SizeBytes) + " → —"
		}
		if r.Orig.BuildSeconds > 0 || r.Opt.BuildSeconds > 0 {
			build = fmt.Sprintf("%s / %s", secs(r.Orig.BuildSeconds), secs(r.Opt.BuildSeconds))
		}
		if r.Orig.RebuildSeconds > 0 && r.Opt.RebuildSeconds > 0 {
			rebuild = fmt.Sprintf("%s / %s", secs(r.Orig.RebuildSeconds), secs(r.Opt.RebuildSeconds))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Name, r.Stack, r.Multi, dash(r.Compose),
			cell(r.Orig, r.OrigExpect), cell(r.Opt, r.OptExp), size, build, rebuild, verdictCell(r))
	}
	if len(reductions) > 0 {
		sort.Float64s(reductions)
		med := reductions[len(reductions)/2]
		if len(reductions)%2 == 0 {
			med = (reductions[len(reductions)/2-1] + reductions[len(reductions)/2]) / 2
		}
		fmt.Fprintf(&b, "\nMedian size change over the %d services both of whose images were built: %+.0f%%.\n", len(reductions), med)
	}
	b.WriteString(rwRuntimesTable(rows))
	warm := ""
	if rwWarm() {
		warm = " Builds used the build cache (DOCKOPT_RW_WARM=1): the build times are not cold ones."
	}
	fmt.Fprintf(&b, "\nSuite time %s.%s\n", total.Round(time.Second), warm)
	return b.String()
}

func cell(r rwSide, e rwExpect) string {
	switch {
	case !r.Ran:
		return "not run"
	case r.Step == "":
		return "ok"
	case e.Fail != nil && e.Fail.Step == r.Step:
		return "fails at " + r.Step + " (expected)"
	}
	return "**fails at " + r.Step + "**"
}

func verdictCell(r rwRow) string {
	if r.GoldenOnly != "" {
		return "optimize only: " + r.GoldenOnly
	}
	if r.OptExp.Fail != nil && r.Opt.Step == r.OptExp.Fail.Step {
		return "expected failure: " + r.OptExp.Fail.Fault
	}
	return r.Verdict
}

func mb(n int64) string {
	if n <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f MB", float64(n)/1e6)
}

func secs(s float64) string {
	if s <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0fs", s)
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func clipRW(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func firstLineRW(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// registryArgsFor returns this machine's registry settings for the ARGs a Dockerfile declares.
func registryArgsFor(src []byte) []string {
	var out []string
	for name, val := range e2eutil.RegistryBuildArgs() {
		if e2eutil.DeclaresArg(src, name) {
			out = append(out, name+"="+val)
		}
	}
	sort.Strings(out)
	return out
}

func appendMissing(args, more []string) []string {
	out := append([]string(nil), args...)
	for _, a := range more {
		k, _, _ := strings.Cut(a, "=")
		if !e2eutil.ContainsPrefix(out, k+"=") {
			out = append(out, a)
		}
	}
	return out
}

func randomSuffix() string {
	return strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
}

// copyDir copies a directory tree (regular files only).
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// rwRuntimesTable is the table of the entries optimized with other --runtime values: each
// runtime's image next to the slim one ("" when no entry lists one).
func rwRuntimesTable(rows []rwRow) string {
	var b strings.Builder
	for _, r := range rows {
		for _, rt := range r.Runtimes {
			if b.Len() == 0 {
				b.WriteString("\n| service | runtime | image that ships | slim size | its size | change vs slim | serving after | probes as slim | user | verdict |\n|---|---|---|---|---|---|---|---|---|---|\n")
			}
			change := "—"
			if r.Opt.SizeBytes > 0 && rt.Side.SizeBytes > 0 {
				change = fmt.Sprintf("%+.0f%%", (float64(rt.Side.SizeBytes)/float64(r.Opt.SizeBytes)-1)*100)
			}
			serving, same := "—", "—"
			if rt.Side.Healthy > 0 {
				serving = rt.Side.Healthy.Round(100 * time.Millisecond).String()
			}
			if rt.Side.Step == "" && rt.Side.Ran {
				same = "yes"
			} else if rt.Side.Step == "probe" {
				same = "**no**"
			}
			verdict := rt.Verdict
			if rt.Expect.Fail != nil && rt.Side.Step == rt.Expect.Fail.Step {
				verdict = "expected failure: " + rt.Expect.Fail.Fault
			}
			fmt.Fprintf(&b, "| %s | %s | `%s` | %s | %s | %s | %s | %s | %s | %s |\n", r.Name, rt.Runtime, dash(rt.Base), mb(r.Opt.SizeBytes), mb(rt.Side.SizeBytes),
				change, serving, same, dash(rt.Side.User), verdict)
		}
	}
	return b.String()
}

// TestRealWorldManifests reads every manifest (no engine needed) and checks what validate
// refuses in the runtimes field.
func TestRealWorldManifests(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	names, ms := loadRealWorld(t, root)
	var distroless []string
	for _, n := range names {
		if slices.Contains(ms[n].Runtimes, "distroless") {
			distroless = append(distroless, n)
		}
	}
	if len(distroless) < 3 {
		t.Errorf("entries optimized with --runtime distroless too: %v, want at least three (issue 15)", distroless)
	}
	for _, c := range []struct {
		m    rwManifest
		want string
	}{
		{rwManifest{Stack: "go", Port: 1, Probes: []rwProbe{{Path: "/"}}, Runtimes: []string{"distroless"}}, "the first is slim"},
		{rwManifest{Stack: "go", Port: 1, Probes: []rwProbe{{Path: "/"}}, Runtimes: []string{"slim", "alpine"}}, `"alpine" is not one of`},
		{rwManifest{Stack: "go", Port: 1, Probes: []rwProbe{{Path: "/"}}, Distroless: rwExpect{SameSize: "x"}}, "a runtime the entry does not list"},
		{rwManifest{Stack: "go", Port: 1, Probes: []rwProbe{{Path: "/"}}, Runtimes: []string{"slim", "distroless"}, Distroless: rwExpect{Skip: "x"}}, "distroless: skip is not allowed"},
	} {
		if err := c.m.validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.m, err, c.want)
		}
	}
}
