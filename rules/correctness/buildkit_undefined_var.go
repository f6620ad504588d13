package correctness

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/buildkitlint"
)

var (
	// UndefinedVar is DO011 (undefined-var).
	UndefinedVar = &rule.Rule{
		ID:          "DO011",
		Name:        "undefined-var",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"buildkit:UndefinedVar"},
		Doc: rule.Doc{
			What: "Finds variables used in `ENV`, `ARG`, `COPY`, `ADD`, `WORKDIR`, `USER`, `LABEL`, " +
				"`EXPOSE`... that are not defined at that point of the stage. BuildKit's check finds " +
				"them (dockopt runs it itself, tested against BuildKit's own linter) and dockopt keeps only those it can stand behind without the base image's " +
				"configuration: every one in a stage built FROM `scratch` (directly or through other stages), " +
				"and, in a stage built from an image, the variables declared elsewhere in the file (an `ARG` " +
				"before `FROM` not declared again in the stage, an `ARG`/`ENV` of another stage or declared " +
				"later) and likely typos of a defined variable. Variables the base image probably defines " +
				"(`PYTHON_VERSION` in a python image, `JAVA_HOME`...) and uses guarded by a default " +
				"(`${VAR:-x}`, `${VAR:+x}`, `${VAR-x}`, `${VAR:?msg}`) are not reported.",
			Why: "An undefined variable expands to an empty string without an error, so `COPY $SRC /app` " +
				"copies the whole context and `ENV PATH=$PAHT:/app/bin` wipes the PATH. The most common cause " +
				"is an `ARG` declared before `FROM`: it is only visible inside a stage that declares it " +
				"again.",
			Example:    "ARG VERSION=1.2\nFROM alpine\nENV APP_VERSION=$VERSION",
			UseInstead: "ARG VERSION=1.2\nFROM alpine\nARG VERSION\nENV APP_VERSION=$VERSION",
			References: []string{
				buildkitlint.DocURL("undefined-var"),
				"https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact",
			},
		},
		Check: func(p *rule.Pass) {
			var declared map[string][]*dockerfile.Instruction
			buildkitlint.EachWarning(p, "UndefinedVar", func(w buildkitlint.Warning, in *dockerfile.Instruction) {
				if in == nil || in.Stage == nil {
					return
				}
				name, suggest := w.Arg(0), w.Arg(1)
				if !buildkitlint.HasUnguardedRef(in.Original, name) {
					return
				}
				if declared == nil {
					declared = buildkitlint.Declarations(p.File)
				}
				root := p.File.RootStage(in.Stage)
				envKnown := strings.EqualFold(root.BaseImage, "scratch")
				if !envKnown {
					if buildkitlint.MayComeFromImage(root.BaseImage, name) {
						return
					}
					typo := suggest != "" && len(name) >= 4
					if !buildkitlint.DeclaredElsewhere(declared[name], in) && !typo {
						return
					}
				}
				msg := fmt.Sprintf("$%s is not defined here and expands to an empty string", name)
				switch {
				case suggest != "":
					msg += fmt.Sprintf(" (did you mean $%s?)", suggest)
				case isGlobalArg(p.File, name):
					msg += fmt.Sprintf(" (the ARG before FROM must be declared again in the stage: ARG %s)", name)
				default:
					for _, d := range declared[name] {
						if d.Stage == in.Stage && d.StartLine > in.StartLine {
							msg += fmt.Sprintf(" (it is declared later, on line %d)", d.StartLine)
							break
						}
					}
				}
				p.Report(in, msg)
			})
		},
	}
)

func isGlobalArg(f *dockerfile.File, name string) bool {
	for _, in := range f.GlobalArgs {
		if c, ok := in.Command.(*instructions.ArgCommand); ok {
			for _, kv := range c.Args {
				if kv.Key == name {
					return true
				}
			}
		}
	}
	return false
}
