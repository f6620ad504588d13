package optimize

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// devCommandPass handles a development command as the command of the stage that ships:
// `npm run dev`, `yarn dev`, `pnpm dev` (or `npm start`) whose package.json script runs a
// development tool, such a tool run directly (pkgmgr.DevTools: nodemon, ts-node, tsx, vite,
// next dev, node --watch...), `flask run`, `manage.py runserver`, `uvicorn`/`gunicorn`/
// `hypercorn --reload` and `fastapi dev`.
//
// The rule:
//   - A target stage named as a development stage (dev, development, develop, devel, dev-*,
//     *-dev, *_dev: compose's `target:` for `docker compose up` while developing) keeps its
//     command: switching it would change what the developer runs. It is made to work (see
//     the last point), and a Note names the file's production stage, or the production start.
//   - Any other stage that ships (the last stage, or a target such as builder or final)
//     switches to the production start, with a Change:
//     Node: package.json's start script when it runs no development tool, needs no
//     devDependency that an install leaves out, and (after a front-end dev server) the build
//     script ran in the image: `node FILE` when the script is only that, else `npm start`
//     (yarn/pnpm start); else `node FILE` for the JavaScript file the development tool runs
//     (nodemon server.js), else for package.json's main. A file counts only when the stage's
//     COPY instructions put it in the image.
//     Flask and Django: gunicorn, only when the requirements install it and the WSGI app is
//     found, on the address the development server used; else `flask run` loses --debug,
//     --reload and --debugger, and runserver is kept, with a Note.
//     uvicorn, gunicorn, hypercorn: --reload and its options are dropped; `fastapi dev`
//     becomes `fastapi run`.
//     When no production start is found, the command is kept as in a development stage.
//   - Whatever the stage: no command is left that needs a devDependency which an install
//     of the stage leaves out (`npm ci --omit=dev`, `--production`, NODE_ENV=production): the
//     omission is undone, with a Change.
//   - NODE_ENV=development in the stage that ships (ENV, or an ARG's value) gets a Note.
//
// The switched command runs no development tool and the undone omission leaves none
// missing, so the pass changes nothing on its own output.
func devCommandPass(p *plan) {
	st := p.stage()
	if st == nil {
		return
	}
	noteNodeEnv(p, st)
	sc := runOf(p.f, st)
	lines := commandLines(sc)
	var d *devCmd
	for _, l := range lines {
		if d = findDev(p, st, l); d != nil {
			break
		}
	}
	devStage := isDevStageName(st.Name)
	if d != nil && d.use.Tool.Name == "flask run" && !devStage {
		noteFlaskDebug(p, st)
	}
	reason := "the command is shell code, which dockopt does not rewrite"
	if d != nil && !devStage && len(lines) == 1 && slices.Equal(lines[0], sc.words) {
		var done bool
		if done, reason = switchToProduction(p, st, sc, d); done {
			return
		}
	}
	st = p.stage()
	keepDevDependencies(p, st, commandLines(runOf(p.f, st)))
	// a front-end's dev server after its build: the split serves the build with nginx instead
	// (its change says so)
	if d != nil && !(d.use.Tool.Frontend && frontendStack(p.f, p.ctx, st) != "") {
		noteKept(p, st, d, devStage, reason)
	}
}

// commandLines are the simple commands a stage's command runs: its words, or the commands
// of its shell code (shell form that is more than one command, `sh -c SCRIPT`).
func commandLines(sc stageRun) [][]string {
	if sc.words != nil {
		if i, _ := pkgmgr.ProgramIndex(sc.words); i >= 0 && dockerfile.IsPOSIXShellName(sc.words[i]) {
			for j := i + 1; j+1 < len(sc.words); j++ {
				if strings.HasPrefix(sc.words[j], "-") && strings.Contains(sc.words[j], "c") {
					return scriptCommands(sc.words[j+1])
				}
			}
		}
		return [][]string{sc.words}
	}
	var out [][]string
	for _, in := range []*dockerfile.Instruction{sc.entry, sc.cmd} {
		if in != nil && !in.JSON && len(in.Args) > 0 {
			out = append(out, scriptCommands(in.Args[len(in.Args)-1])...)
		}
	}
	return out
}

// devStageNames are stage names that say "development".
var devStageNames = []string{"dev", "development", "develop", "devel"}

// isDevStageName reports whether a stage name says it is for development: dev, development,
// develop, devel, alone or joined by - or _ to another word (dev-envs, backend-dev).
func isDevStageName(name string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '-' || r == '_' }) {
		if slices.Contains(devStageNames, w) {
			return true
		}
	}
	return false
}

// devCmd is a development tool found in the command of the stage that ships.
type devCmd struct {
	use *pkgmgr.DevUse
	// command is the command line of the stage the tool was found in; words the one that
	// runs it: command, or a package.json script's command when script is set.
	command, words []string
	// script is the package.json script the command runs (through manager), "" when the
	// tool is the command itself.
	script, manager string
	pkg             *nodePackage
}

// describe says what the command runs, for notes: "`npm run dev` runs package.json's "dev"
// script, `nodemon server.js`: nodemon, which ...".
func (d *devCmd) describe() string {
	command := d.command
	if d.script == "" {
		return fmt.Sprintf("`%s` runs %s, which %s", commandText(command), d.use.Tool.Name, d.use.Tool.What)
	}
	return fmt.Sprintf("`%s` runs package.json's %q script, `%s`: %s, which %s", commandText(command), d.script, commandText(d.words), d.use.Tool.Name, d.use.Tool.What)
}

// switchToProduction replaces the command with its production start; done is false (with
// the reason) when none is found.
func switchToProduction(p *plan, st *dockerfile.Stage, sc stageRun, d *devCmd) (done bool, reason string) {
	var argv []string
	var how string
	switch {
	case d.use.Tool.Ecosystem == "node":
		argv, how, reason = nodeProduction(p, st, d)
	case d.use.Tool.Name == "flask run" || d.use.Tool.Name == "manage.py runserver":
		argv, how, reason = wsgiProduction(p, st, sc, d)
	}
	if argv == nil && d.script == "" && (len(d.use.Drop) > 0 || d.use.Tool.Production != "") {
		argv, how = withoutDevOptions(d)
	}
	if argv == nil {
		return false, reason
	}
	before := instrText(p, sc)
	if !p.setCommand(st, sc, argv) {
		return false, fmt.Sprintf("`%s` would need a new ENTRYPOINT, which the stages built on %s rely on", commandText(argv), stageLabel(st))
	}
	p.res.Command = argv
	p.res.Changes = append(p.res.Changes, Change{
		Title:  fmt.Sprintf("The container starts with `%s`, not %s", shortCommand(argv), d.use.Tool.Name),
		Why:    fmt.Sprintf("%s (%s): a development tool, not for the image that ships. %s", d.describe(), d.use.Tool.Source.URL, how),
		Before: before,
		After:  instrText(p, runOf(p.f, p.stage())),
	})
	return true, ""
}

// shortCommand renders a command line for a title: the program and its first argument, and
// "…" when more follow and the whole would be long.
func shortCommand(words []string) string {
	if s := commandText(words); len(s) <= 48 {
		return s
	}
	idx, _ := pkgmgr.ProgramIndex(words)
	if idx < 0 || idx+2 >= len(words) {
		return commandText(words)
	}
	return commandText(words[:idx+2]) + " …"
}

// withoutDevOptions is the command without the tool's development options, and with its
// production subcommand (fastapi dev -> fastapi run).
func withoutDevOptions(d *devCmd) ([]string, string) {
	var out, dropped []string
	for i, w := range d.words {
		switch {
		case slices.Contains(d.use.Drop, i):
			dropped = append(dropped, w)
		case i == d.use.Sub && d.use.Tool.Production != "":
			out = append(out, d.use.Tool.Production)
		default:
			out = append(out, w)
		}
	}
	how := ""
	if d.use.Tool.Production != "" {
		how = fmt.Sprintf("`%s %s` is its production form. ", d.words[d.use.Program], d.use.Tool.Production)
	}
	if len(dropped) > 0 {
		how += fmt.Sprintf("Dropped: %s; the server now runs the code as the image holds it, without watching files.", strings.Join(dropped, " "))
	}
	return out, how
}

// setCommand makes stage st run argv: the CMD (and ENTRYPOINT when its words change) are
// rewritten in exec form where st sets them, or added at the end of st when it inherits
// them.
func (p *plan) setCommand(st *dockerfile.Stage, sc stageRun, argv []string) bool {
	kw := func(k string) string {
		if lowerCaseFile(p.f) {
			return strings.ToLower(k)
		}
		return k
	}
	var entry, cmd []string
	switch {
	case sc.entryWords == 0:
		cmd = argv
	case sc.cmd == nil:
		entry = argv
	case len(argv) >= sc.entryWords && slices.Equal(argv[:sc.entryWords], sc.words[:sc.entryWords]):
		cmd = argv[sc.entryWords:]
	default:
		entry, cmd = argv[:1], argv[1:]
	}
	if entry != nil {
		// a stage built on st that gives its own CMD relies on st's ENTRYPOINT
		for _, s := range stagesAfter(p.f, st) {
			if derivesFrom(p.f, s, st) && runOf(p.f, s).entry == sc.entry && runOf(p.f, s).cmd != sc.cmd {
				return false
			}
		}
	}
	var edits []rule.TextEdit
	var tail []string
	put := func(in *dockerfile.Instruction, line string) {
		if in != nil && in.Stage == st {
			edits = append(edits, rule.TextEdit{Start: in.StartOffset, End: in.EndOffset, New: line})
		} else {
			tail = append(tail, line)
		}
	}
	if entry != nil {
		put(sc.entry, kw("ENTRYPOINT")+" "+jsonArray(entry))
	}
	if cmd != nil || entry != nil && sc.cmd != nil {
		put(sc.cmd, kw("CMD")+" "+jsonArray(cmd))
	}
	if len(tail) > 0 {
		end := st.Instructions[len(st.Instructions)-1].EndOffset
		nl := p.f.Newline()
		edits = append(edits, rule.TextEdit{Start: end, End: end, New: nl + strings.Join(tail, nl)})
	}
	return p.apply(edits...)
}

// instrText is the ENTRYPOINT and CMD lines as written, for a Change's Before/After.
func instrText(p *plan, sc stageRun) string {
	var lines []string
	for _, in := range []*dockerfile.Instruction{sc.entry, sc.cmd} {
		if in != nil {
			lines = append(lines, strings.TrimSpace(string(p.f.Source[in.StartOffset:in.EndOffset])))
		}
	}
	return strings.Join(lines, "\n")
}

// noteKept says that the development command was kept, why, and what would run in
// production.
func noteKept(p *plan, st *dockerfile.Stage, d *devCmd, devStage bool, reason string) {
	what := d.describe()
	var b strings.Builder
	if devStage {
		fmt.Fprintf(&b, "the stage that ships, %s, is a development stage by its name and runs a development command: %s. The command is kept: a stage named for development is built to develop with (compose's `target:`), and switching it would change what runs there", stageLabel(st), what)
	} else {
		fmt.Fprintf(&b, "the development command is kept: %s. No production start was found (%s)", what, reason)
	}
	if prod := productionStage(p.f, st); prod != nil {
		fmt.Fprintf(&b, "; stage %s is the file's production stage (`%s`): build it with --target %s for the image that ships", prod.Name, commandText(runOf(p.f, prod).words), prod.Name)
	} else if devStage && d.use.Tool.Ecosystem == "node" {
		if argv, _, _ := nodeProduction(p, st, d); argv != nil {
			fmt.Fprintf(&b, "; for production, run `%s`", commandText(argv))
		}
	}
	p.res.Notes = appendOnce(p.res.Notes, b.String())
}

// productionStage is a stage of the file, other than st, that looks like the production
// one: named production, prod, final, release or runtime, or the last stage, when it is not
// a development stage and its command runs no development tool.
func productionStage(f *dockerfile.File, st *dockerfile.Stage) *dockerfile.Stage {
	for _, s := range slices.Backward(f.Stages) {
		if s == st || s.Name == "" || isDevStageName(s.Name) {
			continue
		}
		switch s.Name {
		case "production", "prod", "final", "release", "runtime":
		default:
			if s != f.FinalStage() {
				continue
			}
		}
		if w := runOf(f, s).words; len(w) > 0 && pkgmgr.FindDevTool(w) == nil && !testStage(w) {
			return s
		}
	}
	return nil
}

// testStage reports whether a command only keeps a container alive or runs tests.
func testStage(words []string) bool {
	for _, w := range words {
		switch pkgmgr.ProgramBase(w) {
		case "test", "pytest", "jest", "mocha", "vitest", "tail", "sleep":
			return true
		}
	}
	return false
}

// noteFlaskDebug notes FLASK_DEBUG set in the stage that ships: Flask turns its debugger on
// from it whatever the command says (https://flask.palletsprojects.com/en/stable/config/#DEBUG).
func noteFlaskDebug(p *plan, st *dockerfile.Stage) {
	v := stageVar(p.f, st, "FLASK_DEBUG")
	if v == "" || v == "0" || strings.EqualFold(v, "false") || strings.EqualFold(v, "no") {
		return
	}
	p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("FLASK_DEBUG=%s in %s, the stage that ships, turns Flask's debug mode on whatever the command says (the Werkzeug debugger's console runs Python code sent from a browser, guarded only by a PIN): remove it from the image that ships", v, stageLabel(st)))
}

// noteNodeEnv notes NODE_ENV=development in the stage that ships.
func noteNodeEnv(p *plan, st *dockerfile.Stage) {
	if stageVar(p.f, st, "NODE_ENV") != "development" {
		return
	}
	p.res.Notes = appendOnce(p.res.Notes, fmt.Sprintf("NODE_ENV=development in %s, the stage that ships: Express, React and most Node frameworks then run in development mode (verbose errors, no view cache, development builds); use NODE_ENV=production in the image that ships", stageLabel(st)))
}

// stageVar is the value of an ENV or ARG at the end of stage st ("" when unset or unknown).
func stageVar(f *dockerfile.File, st *dockerfile.Stage, name string) string {
	last := st.Instructions[len(st.Instructions)-1]
	v := f.Vars(last)[name]
	switch c := last.Command.(type) {
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			if kv.Key == name {
				v, _ = f.Expand(last, kv.Value)
			}
		}
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			if kv.Key != name {
				continue
			}
			if bv, ok := f.BuildArgs[name]; ok {
				v = bv
			} else if kv.Value != nil {
				v, _ = f.Expand(last, *kv.Value)
			}
		}
	}
	return v
}
