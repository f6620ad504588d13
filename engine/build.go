package engine

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dockopt/dockopt/internal/bytesize"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// BuildOptions is one build.
type BuildOptions struct {
	// ContextDir is the build context; Dockerfile the file (any path).
	ContextDir, Dockerfile string
	// DisplayName names the Dockerfile in errors (default Dockerfile), e.g. the user's file
	// when Dockerfile is a temporary copy.
	DisplayName string
	// Tag is the image's name; Build tracks it for Cleanup. Give every build its own.
	Tag string
	// Target is the stage to build (--target; "" for the last stage).
	Target string
	// NoCache builds without the build cache (--no-cache).
	NoCache bool
	// BuildArgs are NAME=VALUE pairs (--build-arg).
	BuildArgs []string
	// Platform (--platform) and Network (--network: "host", "none", ...; "" for the engine's
	// default) pass through.
	Platform, Network string
	// Step, when set, is called with each step BuildKit starts ("[builder 3/7] RUN pip install ...").
	Step func(text string)
}

// BuildResult is a finished build.
type BuildResult struct {
	ImageID string
	// Seconds is the wall time of the build command, context transfer and export included.
	Seconds float64
	// ContextSentBytes is the build context size BuildKit reported sending ("transferring
	// context: 10.5MB"), summed over the transfers of that build: -1 when it did not say.
	ContextSentBytes int64
	// Steps and CachedSteps count BuildKit's vertices and those it took from the cache.
	Steps, CachedSteps int
	// Ran names the Dockerfile instructions BuildKit ran rather than took from the cache
	// ("[builder 4/6] RUN npm ci"), in the order it started them; FROM, BuildKit's own
	// [internal] vertices and metadata loads are left out.
	Ran []string
	// Warnings are the build check warnings BuildKit printed ("#3 WARN: NAME: message (line
	// N)"), as "NAME: message (line N)", each once; none from a BuildKit without build checks.
	Warnings []string
}

// BuildError is a failed build: which image, the failing step when BuildKit named it with its
// own output, and the last lines of the build log.
type BuildError struct {
	Tag, Dockerfile string
	// Step is the instruction that failed, as BuildKit names it ("[builder 5/7] RUN pip install ..."), "" if unknown.
	Step string
	// Line is the failing instruction's first line in Dockerfile (0 when unknown): BuildKit's
	// own "Dockerfile:12" when it printed one, else set by the caller from the parsed file.
	Line int
	// Instruction is the failing instruction as written in the Dockerfile, when the caller
	// found it ("" otherwise; Step names it as BuildKit shortened it).
	Instruction string
	// Output is the failing step's own output: the lines of BuildKit's progress for that
	// vertex only (timestamps removed), never another stage's. Empty when the failure was not
	// in a step (then Tail says more).
	Output []string
	Tail   []string
	Err    error
}

func (e *BuildError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "building %s from %s failed", e.Tag, e.Dockerfile)
	if e.Step != "" {
		fmt.Fprintf(&b, " at %s", e.Step)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, " (%s line %d)", e.Dockerfile, e.Line)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	if e.Instruction != "" && !strings.HasSuffix(e.Step, e.Instruction) {
		b.WriteString("\nthe instruction:")
		for _, l := range strings.Split(e.Instruction, "\n") {
			b.WriteString("\n  | " + l)
		}
	}
	if len(e.Output) > 0 {
		b.WriteString("\nthe failing step's output:")
		for _, l := range e.Output {
			b.WriteString("\n  | " + l)
		}
		return b.String()
	}
	if len(e.Tail) > 0 {
		b.WriteString("\nlast lines of the build log:")
		for _, l := range e.Tail {
			b.WriteString("\n  | " + l)
		}
	}
	return b.String()
}

func (e *BuildError) Unwrap() error { return e.Err }

// buildArgs returns the docker arguments of a build (without the docker binary), for
// buildx or plain `docker build`, and the extra environment.
func (e *Engine) buildArgs(o BuildOptions, iidfile string) (args, env []string) {
	if e.buildx {
		args = []string{"buildx", "build", "--load"}
		if e.builder != "" && e.dockerContext == "" {
			args = append(args, "--builder", e.builder)
		}
	} else {
		args = []string{"build"}
		env = []string{"DOCKER_BUILDKIT=1"}
	}
	args = append(args, "--progress", "plain", "--iidfile", iidfile, "-f", o.Dockerfile, "-t", o.Tag)
	if o.Target != "" {
		args = append(args, "--target", o.Target)
	}
	if o.NoCache {
		args = append(args, "--no-cache")
	}
	if o.Network != "" {
		args = append(args, "--network", o.Network)
	}
	if o.Platform != "" {
		args = append(args, "--platform", o.Platform)
	}
	for _, a := range o.BuildArgs {
		args = append(args, "--build-arg", a)
	}
	return append(args, o.ContextDir), env
}

// Build builds an image and times it. The build log is read as BuildKit's plain progress:
// each started step goes to o.Step; nothing is printed. A failure is a *BuildError with the
// last lines of the log.
func (e *Engine) Build(ctx context.Context, o BuildOptions) (*BuildResult, error) {
	dir, err := os.MkdirTemp("", "dockopt-iid-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	iidfile := filepath.Join(dir, "iid")
	args, env := e.buildArgs(o, iidfile)
	name := o.DisplayName
	if name == "" {
		name = o.Dockerfile
	}
	e.trackImage(o.Tag)
	cmd := e.command(ctx, env, args...)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	log := &buildLog{step: o.Step}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		log.read(pr)
	}()
	start := time.Now()
	runErr := cmd.Run()
	elapsed := time.Since(start)
	pw.Close()
	wg.Wait()
	if runErr != nil {
		if ctx.Err() != nil {
			runErr = ctx.Err()
		}
		return nil, &BuildError{Tag: o.Tag, Dockerfile: name, Step: log.failedStep(), Line: log.dfLine, Output: log.failedOutput(stepOutputLines), Tail: log.tail(25), Err: runErr}
	}
	iid, err := os.ReadFile(iidfile)
	if err != nil {
		return nil, &BuildError{Tag: o.Tag, Dockerfile: name, Tail: log.tail(25), Err: errors.New("the build wrote no image ID (--iidfile)")}
	}
	return &BuildResult{
		ImageID:          strings.TrimSpace(string(iid)),
		Seconds:          elapsed.Seconds(),
		ContextSentBytes: log.contextBytes(),
		Steps:            len(log.vertices),
		CachedSteps:      log.cached,
		Ran:              log.ran(),
		Warnings:         log.warnings,
	}, nil
}

// buildLog reads BuildKit's plain progress output. Each line of a step starts with its
// vertex number ("#7 0.512 text"); steps of parallel stages interleave, so a step's own
// output is read by its number, never from the last lines of the log.
type buildLog struct {
	step     func(string)
	lines    []string // the last maxLines lines
	vertices map[string]string
	order    []string // vertex numbers in the order their names were first printed
	cached   int
	cachedV  map[string]bool
	context  map[string]int64 // per vertex: the last "transferring context" size
	failed   string
	// byVertex holds the last maxVertexLines lines of each vertex (without "#N " and the
	// timestamp); errVertex is the first vertex that printed "#N ERROR: ...".
	byVertex  map[string][]string
	errVertex string
	// summary is true inside the "------" block BuildKit prints after a failure (it repeats
	// the failing step's last lines); dfLine is its "Dockerfile:12" line.
	summary bool
	dfLine  int
	// warnings are the "#N WARN: ..." texts, each once.
	warnings []string
}

const (
	maxLines        = 400
	maxVertexLines  = 200
	stepOutputLines = 30
)

var (
	reStep      = lazyre.New(`^#(\d+) (\[[^\]]+\] .*)$`)
	reCached    = lazyre.New(`^#(\d+) CACHED$`)
	reInstrStep = lazyre.New(`^\[[^\]]*\d+/\d+\] [A-Z]+ `)
	reFromStep  = lazyre.New(`^\[[^\]]*\d+/\d+\] FROM `)
	reContext   = lazyre.New(`^#(\d+) transferring context: ([0-9.]+)\s*([kKMGT]?i?B)`)
	reFailStep  = lazyre.New(`^ *> (\[[^\]]+\] .*?):?$`)
	reVertex    = lazyre.New(`^#(\d+) (.*)$`)
	reStamp     = lazyre.New(`^\d+\.\d+ `)
	reDigest    = lazyre.New(`^sha256:[0-9a-f]{64}$`)
	reDFLine    = lazyre.New(`^[^\s:]*Dockerfile[^\s:]*:(\d+)$`)
	reWarn      = lazyre.New(`^#\d+ WARN: (.+)$`)
)

func (l *buildLog) read(r io.Reader) {
	l.vertices = map[string]string{}
	l.context = map[string]int64{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		l.add(sc.Text())
	}
	_, _ = io.Copy(io.Discard, r)
}

func (l *buildLog) add(line string) {
	line = strings.TrimRight(line, "\r")
	l.lines = append(l.lines, line)
	if len(l.lines) > maxLines {
		l.lines = l.lines[len(l.lines)-maxLines:]
	}
	if strings.HasPrefix(line, "------") {
		l.summary = !l.summary
		return
	}
	if m := reWarn.FindStringSubmatch(line); m != nil && !slices.Contains(l.warnings, m[1]) {
		l.warnings = append(l.warnings, m[1])
	}
	if m := reDFLine.FindStringSubmatch(line); m != nil && l.dfLine == 0 && l.errVertex != "" {
		l.dfLine, _ = strconv.Atoi(m[1])
		return
	}
	if m := reVertex.FindStringSubmatch(line); m != nil && !l.summary {
		if l.byVertex == nil {
			l.byVertex = map[string][]string{}
		}
		text := reStamp.ReplaceAllString(m[2], "")
		if strings.HasPrefix(text, "ERROR:") && l.errVertex == "" {
			l.errVertex = m[1]
		}
		if _, isStep := l.vertices[m[1]]; isStep || !strings.HasPrefix(text, "[") {
			v := append(l.byVertex[m[1]], text)
			if len(v) > maxVertexLines {
				v = v[len(v)-maxVertexLines:]
			}
			l.byVertex[m[1]] = v
		}
	}
	if m := reStep.FindStringSubmatch(line); m != nil {
		if _, seen := l.vertices[m[1]]; !seen {
			l.vertices[m[1]] = m[2]
			l.order = append(l.order, m[1])
			if l.step != nil {
				l.step(m[2])
			}
		}
		return
	}
	if m := reCached.FindStringSubmatch(line); m != nil {
		l.cached++
		if l.cachedV == nil {
			l.cachedV = map[string]bool{}
		}
		l.cachedV[m[1]] = true
		return
	}
	if m := reContext.FindStringSubmatch(line); m != nil {
		if n, err := bytesize.Parse(m[2] + m[3]); err == nil {
			l.context[m[1]] = n
		}
		return
	}
	if m := reFailStep.FindStringSubmatch(line); m != nil && l.failed == "" {
		l.failed = m[1]
	}
}

// ran is the instructions of the Dockerfile that did not come from the cache: vertices named
// "[stage n/m] INSTRUCTION" that never printed CACHED, FROM left out (resolving a base image
// is not a step the cache could have saved).
func (l *buildLog) ran() []string {
	var out []string
	for _, v := range l.order {
		name := l.vertices[v]
		if l.cachedV[v] || !reInstrStep.MatchString(name) || reFromStep.MatchString(name) {
			continue
		}
		out = append(out, name)
	}
	return out
}

func (l *buildLog) tail(n int) []string {
	if len(l.lines) <= n {
		return l.lines
	}
	return l.lines[len(l.lines)-n:]
}

// failedStep is the failing step's name: the vertex that printed ERROR, else the step
// BuildKit's summary named.
func (l *buildLog) failedStep() string {
	if name, ok := l.vertices[l.errVertex]; ok && l.errVertex != "" {
		return name
	}
	return l.failed
}

// failedOutput is the last n lines of the failing vertex's own output (its status lines
// DONE and CACHED, and the vertex digest older BuildKits print, left out); nil when no vertex printed ERROR.
func (l *buildLog) failedOutput(n int) []string {
	if l.errVertex == "" {
		return nil
	}
	var out []string
	for _, t := range l.byVertex[l.errVertex] {
		if t == "CACHED" || strings.HasPrefix(t, "DONE ") || reDigest.MatchString(t) {
			continue
		}
		out = append(out, t)
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}

func (l *buildLog) contextBytes() int64 {
	if len(l.context) == 0 {
		return -1
	}
	var sum int64
	for _, n := range l.context {
		sum += n
	}
	return sum
}
