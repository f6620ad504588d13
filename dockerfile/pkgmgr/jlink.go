package pkgmgr

import (
	"fmt"
	"strings"
)

// JLink is how a Dockerfile builds a Java runtime of only the modules a program uses, with
// the JDK's own tools: jdeps lists the JDK modules the program's classes refer to, and jlink
// links those modules (from the JDK's jmods, its default module path) into a runtime image
// with no compiler, no jmods, no debug attributes, man pages or C headers. The runtime stage
// then needs only a C library base (debian slim) and that directory.
type JLinkTool struct {
	// MinVersion is the earliest JDK these facts are taken from (its manual pages): dockopt
	// writes the commands for that JDK and later ones only.
	MinVersion int
	// Dir is where the build stage writes the runtime (jlink --output); the runtime stage
	// copies it to the same path and puts Dir/bin first on PATH.
	Dir string
	// ModulesFile is where the build stage writes jdeps's list of modules: the stage that
	// runs jlink copies only that file, so a change of code that keeps the list reuses its
	// cached runtime.
	ModulesFile string
	// JDeps and JLink are the options written, with what each does.
	JDeps, JLink []ToolOption
	// Compress is jlink's --compress value by JDK version: the numbered levels (2: ZIP) until
	// JDK 21, which names them zip-0..zip-9 and deprecates the numbers.
	Compress []VersionedValue
	// Reflection names what jdeps cannot see: modules a program loads by name at run time.
	Reflection string
}

// ToolOption is one command-line option of a JDK tool, with what it does and where that is
// documented.
type ToolOption struct {
	Option, Arg, Meaning string
	Source               Source
}

// VersionedValue is an option value that applies from JDK version Since on.
type VersionedValue struct {
	Since  int
	Value  string
	Source Source
}

var (
	jdeps17 = Source{URL: "https://docs.oracle.com/en/java/javase/17/docs/specs/man/jdeps.html", Version: "JDK 17"}
	jlink17 = Source{URL: "https://docs.oracle.com/en/java/javase/17/docs/specs/man/jlink.html", Version: "JDK 17"}
	jlink21 = Source{URL: "https://docs.oracle.com/en/java/javase/21/docs/specs/man/jlink.html", Version: "JDK 21"}
)

// JLink is what dockopt knows of jdeps and jlink.
var JLink = &JLinkTool{
	MinVersion:  17,
	Dir:         "/opt/jre",
	ModulesFile: "/opt/jre-modules",
	JDeps: []ToolOption{
		{Option: "--ignore-missing-deps", Meaning: "classes the program refers to that are on no class path (optional dependencies) do not stop the analysis", Source: jdeps17},
		{Option: "--print-module-deps", Meaning: "prints the JDK modules the classes need as the comma-separated list jlink --add-modules takes", Source: jdeps17},
		{Option: "--multi-release", Arg: "{version}", Meaning: "reads a multi-release jar's classes for that Java version (a multi-release jar is an error without it)", Source: jdeps17},
	},
	JLink: []ToolOption{
		{Option: "--add-modules", Arg: "{modules}", Meaning: "the root modules of the runtime, linked with the modules they need, from the JDK's jmods (the default module path)", Source: jlink17},
		{Option: "--strip-debug", Meaning: "strips debug information from the runtime", Source: jlink17},
		{Option: "--no-man-pages", Meaning: "leaves the man pages out", Source: jlink17},
		{Option: "--no-header-files", Meaning: "leaves the C header files out", Source: jlink17},
		{Option: "--compress", Arg: "{compress}", Meaning: "compresses the modules' resources", Source: jlink17},
		{Option: "--output", Arg: "{dir}", Meaning: "the directory the runtime is written to (it must not exist)", Source: jlink17},
	},
	Compress: []VersionedValue{
		{Since: 17, Value: "2", Source: jlink17},
		{Since: 21, Value: "zip-6", Source: jlink21},
	},
	Reflection: "jdeps reads the classes' static references only: a module the program loads by name at run time " +
		"(a service provider such as jdk.crypto.ec for TLS before JDK 22, jdk.localedata, jdk.charsets, or a class " +
		"loaded with Class.forName) is not found and must be added to --add-modules",
}

// CompressFor is jlink's --compress value for JDK version v.
func (j *JLinkTool) CompressFor(v int) string {
	val := ""
	for _, c := range j.Compress {
		if v >= c.Since {
			val = c.Value
		}
	}
	return val
}

// JDepsCommand is the shell command that writes the modules the program whose classes are
// roots (jars or class directories) uses to ModulesFile, for a JDK of version v.
func (j *JLinkTool) JDepsCommand(v int, roots []string) string {
	return fmt.Sprintf("jdeps %s %s > %s", j.words(j.JDeps, v), strings.Join(roots, " "), j.ModulesFile)
}

// JLinkCommand is the shell command that links the modules ModulesFile names into Dir.
func (j *JLinkTool) JLinkCommand(v int) string {
	return "jlink " + j.words(j.JLink, v)
}

func (j *JLinkTool) words(opts []ToolOption, v int) string {
	r := strings.NewReplacer("{version}", fmt.Sprint(v), "{modules}", `"$(cat `+j.ModulesFile+`)"`, "{compress}", j.CompressFor(v), "{dir}", j.Dir)
	var out []string
	for _, o := range opts {
		switch {
		case o.Arg == "":
			out = append(out, o.Option)
		case o.Option == "--compress":
			out = append(out, o.Option+"="+r.Replace(o.Arg))
		default:
			out = append(out, o.Option+" "+r.Replace(o.Arg))
		}
	}
	return strings.Join(out, " ")
}
