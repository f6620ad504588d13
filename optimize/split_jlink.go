package optimize

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/rule"
)

// javaJLink makes rt a runtime linked with jlink: the build stage gets a RUN that lists the
// JDK modules the program's classes (roots, absolute) use with jdeps and links them into
// pkgmgr.JLink.Dir; the runtime stage is debian slim with that directory first on PATH.
// It returns why it cannot ("" when done): a JDK that is not glibc or older than jlink's
// facts, a build that does not run as root, a class path with a wildcard, a command that
// names java by a path of the JDK, a Spring Boot jar.
func javaJLink(p *plan, st *dockerfile.Stage, rt *runtimePlan, springBoot bool, tag string, version int, roots, words []string) string {
	jl := pkgmgr.JLink
	switch {
	case springBoot:
		return "a Spring Boot application keeps its dependencies as jars inside its jar, and Spring loads much of what it uses by name at run time (auto-configuration), which jdeps does not see"
	case version == 0:
		return fmt.Sprintf("the JDK's version is not in the tag of %s (jdeps needs it for multi-release jars)", p.f.RootImage(st))
	case !dockerfile.IsDebianTag(tag):
		return fmt.Sprintf("%s is not a glibc image, and dockopt links runtimes for debian slim only", p.f.RootImage(st))
	case version < jl.MinVersion:
		return fmt.Sprintf("dockopt writes jdeps and jlink for Java %d and later (their options as documented there), and this is Java %d", jl.MinVersion, version)
	case !dockerfile.RunsAsRoot(p.f.UserEnd(st)):
		return fmt.Sprintf("the build runs as user %s, who cannot write %s", p.f.UserEnd(st), jl.Dir)
	case words[0] != "java":
		return fmt.Sprintf("the command runs %s, a path of the JDK image, not java on PATH", words[0])
	}
	for _, w := range words {
		if strings.Contains(w, "/*") {
			return fmt.Sprintf("the class path %s names a directory's jars with a wildcard, which jdeps does not read as java does", w)
		}
	}
	jdk := p.f.RootImage(st)
	if strings.Contains(jdk, "$") {
		return fmt.Sprintf("the JDK image %s is named with a variable, which a stage of its own for jlink would have to repeat", jdk)
	}
	var at *dockerfile.Instruction
	for _, in := range st.Instructions {
		if in.Cmd == "run" {
			at = in
		}
	}
	if at == nil {
		at = st.Instructions[len(st.Instructions)-1]
	}
	run := withEscape(p.f, "RUN "+jl.JDepsCommand(version, roots))
	rt.buildEdits = append(rt.buildEdits, rule.TextEdit{Start: at.EndOffset, End: at.EndOffset, New: p.f.Newline() + run})
	link := "RUN " + jl.JLinkCommand(version)
	rt.pre = &preStage{suffix: "jre", from: jdk, copies: [][2]string{{jl.Dir, jl.Dir}},
		lines: func(build string) []string {
			return []string{fmt.Sprintf("COPY --from=%s %s %s", build, jl.ModulesFile, jl.ModulesFile), link}
		}}
	suite := dockerfile.DebianSuiteOfTag(tag)
	if suite == "" {
		suite = "bookworm"
	}
	rt.base = "debian:" + suite + "-slim"
	rt.setup = append(rt.setup, fmt.Sprintf(`ENV JAVA_HOME=%s PATH="%s/bin:${PATH}"`, jl.Dir, jl.Dir))
	rt.what = fmt.Sprintf("a Java runtime linked by jlink (%s, from a stage of its own) and %s", jl.Dir, rt.what)
	rt.why = fmt.Sprintf("%s holds the C library the JDK's native code needs; the Java runtime is linked from the JDK's own modules, "+
		"only those jdeps finds the program uses (%s; %s). Note: %s.", rt.base, jl.JDeps[0].Source.URL, jl.JLink[0].Source.URL, jl.Reflection)
	rt.changes = append(rt.changes, Change{
		Title: "The Java runtime is linked with jlink from the modules the program uses, not the whole JDK or JRE",
		Why: fmt.Sprintf("jdeps lists the JDK modules the classes of %s refer to, in %s; a stage on %s that copies only that list links them with jlink into %s "+
			"without debug information, man pages or headers, so a change of code that uses the same modules reuses the linked runtime from the build cache (%s, %s).",
			strings.Join(roots, ", "), jl.ModulesFile, jdk, jl.Dir, jl.JDeps[0].Source.URL, jl.JLink[0].Source.URL),
		Rules: []string{"DO108"},
		After: run + "\n...\n" + link,
	})
	return ""
}
