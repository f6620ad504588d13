// Package optimize rewrites a service's Dockerfile into a small, fast-building, hardened one:
// a recipe per ecosystem (Python, Node, Go) plans a multi-stage build with dependency layers
// before code, no build tools or caches in the final image, a non-root user and a HEALTHCHECK
// that works in that image; anything else gets the safe fixes, a non-root user and a
// .dockerignore. Every change is recorded with its reason for the report. Nothing here runs a
// build: measuring is the engine's job.
package optimize

import (
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/config"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/fix"
	"github.com/dockopt/dockopt/lint"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
	"github.com/dockopt/dockopt/rules/correctness"
)

// Options tune a rewrite.
type Options struct {
	// Target is the stage that ships, as `docker build --target` names it ("" for the last
	// stage). Optimize returns a *TargetError when no stage has that name.
	Target string
	// HealthPath is the HTTP path the HEALTHCHECK probes; "" means: the health route found in
	// the service's source (see healthRoutes), and no HEALTHCHECK when none is found.
	HealthPath string
	// BuildArgs resolve ARGs while reading the original.
	BuildArgs map[string]string
	// UID and GID of the non-root user created (default 10001).
	UID, GID int
	// Platforms are the platforms the image is built for, as `docker buildx build --platform`
	// takes them (os/arch[/variant]). With any, the Go recipe's static build cross-compiles on
	// $BUILDPLATFORM; what cannot be cross-built gets a note.
	Platforms []string
	// Runtime is the base the stage that ships runs on: RuntimeSlim ("" too), RuntimeDistroless
	// or RuntimeScratch (see runtimeChoicePass). Optimize returns an error for any other value.
	Runtime string
	// NoCacheMounts writes no BuildKit cache mounts: the dependency installs then remove their
	// caches in the layer instead (--no-cache-dir, rm -rf /var/lib/apt/lists/*). With cache
	// mounts (the default), the recipes' apt, pip, npm and go commands, and uv's installs,
	// keep their downloads in mounts that outlive the build; RUN --mount needs BuildKit with
	// the Dockerfile frontend 1.2 or later (Docker 20.10's built-in builder has it).
	NoCacheMounts bool
	// Images reads files of local images; the distroless runtime needs it to copy the shared
	// libraries a slim stage installed with apt (nil: such a stage stays slim, with a note).
	Images ImageFiles
	// PortHints are container ports the service is known to listen on from outside the
	// Dockerfile (a compose service's ports: and expose:, compose.Build.Ports): the first is
	// the service's port when the target stage EXPOSEs none and its command names none. It is
	// published in the report (and EXPOSEd by the recipes), but no HEALTHCHECK probes it: nothing in the
	// Dockerfile says the program listens there. PortHintsFrom names their source for the
	// report (`compose service "web"`).
	PortHints     []int
	PortHintsFrom string
}

// Change is one optimization, for the report.
type Change struct {
	Title string `json:"title"`
	Why   string `json:"why"`
	// Rules are the lint rule IDs the change resolves (none: an empty list in JSON).
	Rules  []string `json:"rules"`
	Before string   `json:"before"`
	After  string   `json:"after"`
}

// Result is the rewrite and everything the report says about it.
type Result struct {
	// Ecosystem is "python", "node", "go" or "generic"; EcosystemWhy says how it was detected.
	Ecosystem    string
	EcosystemWhy string
	Original     []byte
	Dockerfile   []byte
	Ignore       *IgnorePlan
	Changes      []Change
	// Carried lists original instructions kept as they were, and where they went.
	Carried []string
	// Notes are things the user must know: declined lockfiles, unknown -dev packages,
	// assumptions (the health path), no probe possible on scratch.
	Notes []string
	// BuildPackages and RuntimePackages are the Debian packages of each stage.
	BuildPackages, RuntimePackages []string
	// UnknownDev are -dev packages with no known runtime library.
	UnknownDev []string
	// User is the non-root user of the final stage ("10001:10001", "node"...).
	User string
	// Healthcheck is the HEALTHCHECK instruction of the result ("" if none).
	Healthcheck string
	HealthPath  string
	Port        int
	// Command is the final CMD/ENTRYPOINT in exec form.
	Command []string
	// FindingsBefore/After count lint findings per family in the original and the result.
	FindingsBefore, FindingsAfter map[rule.Family]int
	// LeftAfter names the findings left in the result, as "ID name ×count", sorted.
	LeftAfter []string
	// Left are the original's error and warning findings the result still has, each with
	// the reason it was left; Facts what the result itself says about the image it builds.
	Left  []LeftFinding
	Facts Facts
	// leftWhy is what passes recorded with leave: why a rule's findings stay.
	leftWhy map[string]string
	// stackSplit names the stack (Java, Rust) whose build the split pass moved to its own
	// stage: the generic path then has a plan for it, not only its generic passes.
	stackSplit string
}

// Optimize rewrites the Dockerfile f (already parsed) of the build context ctx (which may be
// nil: then only what needs no context is done). It returns an error when the rewrite does
// not parse, which would be a bug.
func Optimize(f *dockerfile.File, ctx *buildctx.Context, opt Options) (*Result, error) {
	if opt.UID == 0 {
		opt.UID = 10001
	}
	if opt.GID == 0 {
		opt.GID = opt.UID
	}
	if !ValidRuntime(opt.Runtime) {
		return nil, fmt.Errorf("unknown runtime %q (want %s)", opt.Runtime, strings.Join(Runtimes, ", "))
	}
	res := &Result{Original: f.Source}
	f, contNote, err := closeTrailingContinuation(f, opt)
	if err != nil {
		return nil, err
	}
	if contNote != "" {
		res.Notes = append(res.Notes, contNote)
	}
	tgt, err := targetStage(f, opt.Target)
	if err != nil {
		return nil, err
	}
	a := analyze(f, tgt, ctx)
	if a.port == 0 && len(opt.PortHints) > 0 {
		a.port, a.portHint = opt.PortHints[0], true
		from := opt.PortHintsFrom
		if from == "" {
			from = "the compose service"
		}
		res.Notes = append(res.Notes, fmt.Sprintf("port %d is from %s (its ports: or expose:): the Dockerfile EXPOSEs no port and dockopt found none in its command; the report's docker run publishes it, and no HEALTHCHECK probes it", a.port, from))
	}
	if opt.HealthPath == "" {
		opt.HealthPath, a.healthFoundIn = findHealthRoute(ctx)
	} else {
		a.healthFoundIn = "--health-path"
	}
	res.HealthPath = opt.HealthPath
	out, err := route(f, ctx, tgt, a, opt, res)
	if err != nil {
		return nil, err
	}
	if res.Ecosystem == "generic" {
		out = settle(f, out, ctx, a, opt, res)
		if res.stackSplit != "" {
			res.EcosystemWhy = fmt.Sprintf("a %s project: the planner's passes, with its build moved to a stage of its own and only what the program runs copied into a runtime stage", res.stackSplit)
		}
	} else {
		// a recipe writes the stage that ships last, as "runtime": it keeps the name the
		// build target asks for
		if opt.Target != "" {
			out = strings.Replace(out, " AS runtime\n", " AS "+strings.ToLower(opt.Target)+"\n", 1)
		}
		p, err := newPlan(f.Path, out, ctx, a, opt, res)
		if err != nil {
			return nil, err
		}
		p.runPasses()
		out = p.text
	}
	res.closingNotes(f, ctx, tgt, a, opt)
	res.Dockerfile = []byte(out)
	nf, perr := dockerfile.Parse(f.Path+".optimized", res.Dockerfile, dockerfile.Options{BuildArgs: opt.BuildArgs})
	if perr != nil {
		return nil, fmt.Errorf("internal error: the optimized Dockerfile does not parse: %w", perr)
	}
	syncAfter(res, nf)
	if ctx != nil {
		res.Ignore = planDockerignore(ctx, f.Path, CopiedSources(nf, ctx), a.keepPaths)
	}
	res.lintBothSides(f, nf, ctx, opt)
	return res, nil
}

// route chooses the recipe for the file (a single-stage Python, Node or Go service) or the
// planner's generic passes, says why in res.Ecosystem and res.EcosystemWhy, and returns the
// Dockerfile it wrote.
func route(f *dockerfile.File, ctx *buildctx.Context, tgt *dockerfile.Stage, a *analysis, opt Options, res *Result) (string, error) {
	switch {
	case len(f.Stages) != 1:
		res.Ecosystem, res.EcosystemWhy = "generic", fmt.Sprintf("the Dockerfile already has %d stages: improved stage by stage, not replaced", len(f.Stages))
		return generic(f, ctx, a, opt, res)
	case brokenCommand(f, tgt) != nil:
		// a recipe would write the command in a form that hides the mistake
		in := brokenCommand(f, tgt)
		res.Ecosystem, res.EcosystemWhy = "generic", fmt.Sprintf("the %s on line %d is not a valid JSON array (DO510: Docker runs it as a shell command, which fails when the container starts): improved in place and the %s kept as written, to be fixed by hand", strings.ToUpper(in.Cmd), in.StartLine, strings.ToUpper(in.Cmd))
		res.Notes = append(res.Notes, res.EcosystemWhy)
		return generic(f, ctx, a, opt, res)
	case f.EscapeToken != '\\':
		// the recipes write their own lines with backslash continuations
		res.Ecosystem, res.EcosystemWhy = "generic", fmt.Sprintf("the Dockerfile's escape character is %q (its `# escape=` directive): improved in place, not rewritten by a recipe (the recipes write backslash continuations)", f.EscapeToken)
		return generic(f, ctx, a, opt, res)
	case a.python != "":
		res.Ecosystem, res.EcosystemWhy = "python", a.python
		return pythonRecipe(f, ctx, a, opt, res)
	case a.node != "" && frontendStack(f, ctx, tgt) != "":
		// the recipe installs the app's dependencies to run it; a front-end's image serves
		// only its build, which the split pass plans
		res.Ecosystem, res.EcosystemWhy = "generic", frontendStack(f, ctx, tgt)+": the planner's passes"
		return generic(f, ctx, a, opt, res)
	case a.node != "":
		res.Ecosystem, res.EcosystemWhy = "node", a.node
		return nodeRecipe(f, ctx, a, opt, res)
	case a.golang != "":
		res.Ecosystem, res.EcosystemWhy = "go", a.golang
		return goRecipe(f, ctx, a, opt, res)
	default:
		res.Ecosystem = "generic"
		res.EcosystemWhy = "no Python, Node or Go build recognised"
		if a.declined != "" {
			res.EcosystemWhy = a.declined
		} else if stack := unhandledStack(ctx); stack != "" {
			res.EcosystemWhy = stack
		}
		return generic(f, ctx, a, opt, res)
	}
}

// closingNotes adds the notes that concern the whole file: what a later stage or the
// platforms ask, a recipe declined or a stack no recipe knows, and the stages after the
// build target.
func (res *Result) closingNotes(f *dockerfile.File, ctx *buildctx.Context, tgt *dockerfile.Stage, a *analysis, opt Options) {
	if n := nextNote(f, ctx, tgt); n != "" {
		res.Notes = appendOnce(res.Notes, n)
	}
	if n := serverFrontendNote(f, ctx, tgt); n != "" {
		res.Notes = appendOnce(res.Notes, n)
	} else if n := unservedFrontendNote(f, ctx, tgt); n != "" {
		res.Notes = appendOnce(res.Notes, n)
	}
	noteCrossBuild(res, ctx, opt.Platforms, f)
	// nothing is declined silently: the recipe not applied, or the stack no recipe knows, is
	// a note too (whatever the number of stages)
	if a.declined != "" {
		res.Notes = appendOnce(res.Notes, a.declined)
	} else if stack := unhandledStack(ctx); stack != "" && res.Ecosystem == "generic" && res.stackSplit == "" {
		res.Notes = appendOnce(res.Notes, stack)
	}
	if after := stagesAfter(f, tgt); len(after) > 0 && opt.Target != "" {
		var names []string
		for _, s := range after {
			names = append(names, stageLabel(s))
		}
		res.Notes = append(res.Notes, fmt.Sprintf("the build target is stage %s: %s after it %s not part of that build; the planner's passes improved the target (and the stages it is built from), the safe fixes apply everywhere", tgt.Name, strings.Join(names, ", "), isAre(len(names))))
	}
}

// lintBothSides lints the original (through the target stage) and the optimized file (with
// the ignore file optimize generated) and records what the report says of them: the
// findings per family before and after, the findings left and why, and the output's facts.
func (res *Result) lintBothSides(f, nf *dockerfile.File, ctx *buildctx.Context, opt Options) {
	// the optimizer keeps the base image's release: a newer one is another runtime
	res.leave(eolRuleID, "the optimized image keeps the original's release of its base image: moving to a supported release changes the runtime the service runs on, which only you can test; dockopt changes the variant (slim), never the version")
	// the findings of the build that ships: the file through the target stage
	before := lint.Run(lint.ThroughTarget(f, opt.Target), ctx, lint.Options{})
	res.FindingsBefore = countFamilies(before)
	res.keepFiredRules(before)
	// the optimized Dockerfile is built with the generated ignore file: lint it that way
	after := res.OptimizedContext(ctx)
	left := lint.Run(lint.ThroughTarget(nf, opt.Target), after, lint.Options{})
	res.FindingsAfter = countFamilies(left)
	res.Left = leftFindings(before, left, res)
	if st, err := targetStage(nf, opt.Target); err == nil {
		res.Facts = readFacts(nf, st, left)
	}
	byRule := map[string]int{}
	for _, fd := range left {
		byRule[fd.Rule.ID+" "+fd.Rule.Name+" ("+fd.Severity.String()+")"]++
	}
	for k, n := range byRule {
		res.LeftAfter = append(res.LeftAfter, fmt.Sprintf("%s ×%d", k, n))
	}
	sort.Strings(res.LeftAfter)
}

func countFamilies(fs []rule.Finding) map[rule.Family]int {
	m := map[rule.Family]int{}
	for _, f := range fs {
		m[f.Rule.Family]++
	}
	return m
}

// jsonArray renders an exec-form argument list.
func jsonArray(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = jsonString(a)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// safeFixed returns the original text with every safe fix applied (the starting point of the
// generic path, and a source of reported changes).
func safeFixed(f *dockerfile.File, ctx *buildctx.Context, opt Options) ([]byte, []fix.Applied, error) {
	res, err := fix.File(f.Path, f.Source, ctx, fix.Options{BuildArgs: opt.BuildArgs})
	if err != nil {
		return nil, nil, err
	}
	return res.Output, res.Applied, nil
}

func fixChanges(applied []fix.Applied) []Change {
	byRule := map[string]*Change{}
	descs := map[string][]string{}
	var order []string
	for _, a := range applied {
		c, ok := byRule[a.Rule.ID]
		if !ok {
			title := a.Rule.Doc.Fixed
			if title == "" {
				title = a.Description
			}
			c = &Change{Title: title, Why: a.Rule.Doc.Why, Rules: []string{a.Rule.ID}}
			byRule[a.Rule.ID] = c
			order = append(order, a.Rule.ID)
		}
		if !slices.Contains(descs[a.Rule.ID], a.Description) {
			descs[a.Rule.ID] = append(descs[a.Rule.ID], a.Description)
		}
	}
	sort.Strings(order)
	var out []Change
	for _, id := range order {
		c := byRule[id]
		c.Why += " Done: " + strings.Join(descs[id], "; ") + "."
		out = append(out, *c)
	}
	return out
}

// ErrNoStages is returned for a file with no FROM.
var ErrNoStages = errors.New("the Dockerfile has no FROM instruction")

// HealthTest returns the HEALTHCHECK's exec-form test command (nil when there is none).
func (r *Result) HealthTest() []string {
	i := strings.Index(r.Healthcheck, "CMD [")
	if i < 0 {
		return nil
	}
	var args []string
	if err := json.Unmarshal([]byte(r.Healthcheck[i+4:]), &args); err != nil {
		return nil
	}
	return args
}

// correctServerOptions applies, to a recipe's output, the fix of the rule that checks server
// command lines against the servers' real options (uvicorn/gunicorn; DO506), and records
// each correction. The fix is marked unsafe for `dockopt fix` because it changes the command
// the container runs; here the rewrite is the point, and the report says what changed.
func correctServerOptions(path, out string, ctx *buildctx.Context, opt Options, res *Result) string {
	r := correctness.ServerUnknownOption
	fr, err := fix.File(path, []byte(out), ctx, fix.Options{Lint: lint.Options{Only: []*rule.Rule{r}}, Unsafe: true, BuildArgs: opt.BuildArgs})
	if err != nil || !fr.Changed() {
		return out
	}
	for _, a := range fr.Applied {
		res.Changes = append(res.Changes, Change{Title: r.Doc.Fixed, Why: r.Doc.Why + " Done: " + a.Description + ".", Rules: []string{r.ID}})
	}
	return string(fr.Output)
}

// healthRoutes are the paths services conventionally answer health probes on, in order of
// preference (Kubernetes' /healthz, /livez, /readyz; the common /health, /ping, /status).
var healthRoutes = []string{"/health", "/healthz", "/health/live", "/livez", "/healthcheck", "/_health", "/readyz", "/ready", "/ping", "/status"}

// findHealthRoute looks for a health route written as a string literal in the service's
// source files (Python, JavaScript/TypeScript, Go, Ruby, Java) and returns it with the file
// it was found in; "" when there is none, so no HEALTHCHECK is made that could only fail.
func findHealthRoute(ctx *buildctx.Context) (route, foundIn string) {
	if ctx == nil {
		return "", ""
	}
	best := len(healthRoutes)
	read := 0
	for _, e := range ctx.Entries {
		if e.IsDir || read >= 400 || ctx.Ignored(e.Path) {
			continue
		}
		switch path.Ext(e.Path) {
		case ".py", ".js", ".mjs", ".cjs", ".ts", ".go", ".rb", ".java", ".kt":
		default:
			continue
		}
		if strings.Contains(e.Path, "node_modules/") || strings.Contains(e.Path, "/test") || strings.HasPrefix(e.Path, "test") || strings.Contains(e.Path, "vendor/") {
			continue
		}
		data, err := readContextFile(ctx, e.Path)
		if err != nil {
			continue
		}
		read++
		src := string(data)
		for i, r := range healthRoutes[:best] {
			for _, q := range []string{`"`, `'`, "`"} {
				if strings.Contains(src, q+r+q) {
					best, foundIn = i, e.Path
					break
				}
			}
		}
	}
	if best == len(healthRoutes) {
		return "", ""
	}
	return healthRoutes[best], foundIn
}

// settle makes the generic path's result a fixpoint, so optimizing it again changes nothing:
// the generic improvements are applied to their own output until it stops changing (the
// additions can, next to odd syntax, make a fix apply that did not before). If that does not
// happen within a few rounds, only the safe fixes are kept (fix.File is a fixpoint by
// construction) and a note says so.
func settle(f *dockerfile.File, out string, ctx *buildctx.Context, a *analysis, opt Options, res *Result) string {
	for range 3 {
		nf, err := dockerfile.Parse(f.Path, []byte(out), dockerfile.Options{BuildArgs: opt.BuildArgs})
		if err != nil {
			break
		}
		scratch := &Result{}
		next, err := generic(nf, ctx, a, opt, scratch)
		if err != nil {
			break
		}
		if next == out {
			return out
		}
		out = next
		res.Changes = append(res.Changes, scratch.Changes...)
	}
	fixed, _, err := safeFixed(f, ctx, opt)
	if err != nil {
		return string(f.Source)
	}
	res.Notes = append(res.Notes, "the generic improvements did not settle on this file's syntax: only the safe fixes were applied")
	return string(fixed)
}

// contextPathUnder maps a path a RUN uses to the build context path it names when the
// context was copied to workdir: an absolute path under workdir loses that prefix; a
// relative one is cleaned.
// pipFileInContext is the build context file that pip's -r/-c path p names in stage st: the
// file a COPY put at that path (COPY requirements.txt /tmp/requirements.txt, then pip install
// -r /tmp/requirements.txt), else p read under workdir (contextPathUnder).
func pipFileInContext(f *dockerfile.File, ctx *buildctx.Context, st *dockerfile.Stage, p, workdir string) string {
	abs := p
	if !strings.HasPrefix(abs, "/") {
		abs = path.Join(workdir, p)
	}
	if c, ok := contextFileAt(f, ctx, st, abs); ok {
		return c
	}
	return contextPathUnder(p, workdir)
}

func contextPathUnder(p, workdir string) string {
	if rel, ok := strings.CutPrefix(p, strings.TrimSuffix(workdir, "/")+"/"); ok && strings.HasPrefix(p, "/") {
		p = rel
	}
	return path.Clean(strings.TrimPrefix(p, "./"))
}

// keepFiredRules leaves in each change's Rules only the rules that fired on the original
// (before), and the opt-in rules the default lint does not run (whether they would have
// fired is not known): a change is never reported as fixing a finding the original did not
// have.
func (res *Result) keepFiredRules(before []rule.Finding) {
	fired := map[string]bool{}
	for _, fd := range before {
		fired[fd.Rule.ID] = true
	}
	cfg := config.Default()
	for _, r := range rules.All() {
		if !cfg.Runs(r) {
			fired[r.ID] = true
		}
	}
	for i := range res.Changes {
		c := &res.Changes[i]
		if len(c.Rules) == 0 {
			continue
		}
		c.Rules = slices.DeleteFunc(slices.Clone(c.Rules), func(id string) bool { return !fired[id] })
		if len(c.Rules) == 0 {
			c.Rules = nil
		}
	}
}
