package pkgmgr

import "strings"

// BuildOutput is where a compiling build tool writes what it builds, and how a Dockerfile
// resolves (or prebuilds) a project's dependencies from its manifests alone, in a layer of
// their own before the code is copied: the facts the optimizer's Java and Rust splits use.
type BuildOutput struct {
	// Manager is the ID of the build tool (cargo, maven, gradle).
	Manager string
	// Dir is the output directory, relative to the project directory (target, build/libs).
	Dir string
	// DirOptions and DirEnv move it (cargo --target-dir, CARGO_TARGET_DIR).
	DirOptions []string
	DirEnv     []string
	// ProfileDirs name the subdirectory of Dir a build option selects (cargo --release →
	// release); DefaultProfile is the one without any (debug).
	ProfileDirs    map[string]string
	DefaultProfile string
	// InstallBin is where an install subcommand puts programs (cargo install:
	// $CARGO_HOME/bin, or ROOT/bin with --root / CARGO_INSTALL_ROOT); InstallRootEnv and
	// InstallRootOptions move it, InstallHomeEnv is the home it defaults to.
	InstallRootOptions []string
	InstallRootEnv     []string
	InstallHomeEnv     string
	// InstallHomeDefault is that home in the official images (rust: CARGO_HOME=/usr/local/cargo,
	// set by their Dockerfiles; cargo's own default is ~/.cargo).
	InstallHomeDefault string
	// Prefetch is the shell command that resolves the dependencies with only the manifests
	// in place; {build} stands for the project's own build command, {dir} for its profile
	// directory (relative to the project), {package} for the package name (PrefetchFor).
	Prefetch string
	// Artifact is what the build leaves for a runtime to run (a binary, a jar).
	Artifact string
	Source   Source
}

// BuildOutputs are the build tools the optimizer splits into a build and a runtime stage.
var BuildOutputs = map[string]*BuildOutput{
	"cargo": {
		Manager: "cargo", Dir: "target",
		DirOptions: []string{"--target-dir"}, DirEnv: []string{"CARGO_TARGET_DIR"},
		ProfileDirs:        map[string]string{"--release": "release"},
		DefaultProfile:     "debug",
		InstallRootOptions: []string{"--root"}, InstallRootEnv: []string{"CARGO_INSTALL_ROOT"},
		InstallHomeEnv: "CARGO_HOME", InstallHomeDefault: "/usr/local/cargo",
		// the dependencies are compiled against an empty main.rs; the package's own
		// fingerprint is removed so that the real build compiles the real source whatever
		// its file times (COPY keeps the context's times, which may be older)
		Prefetch: "mkdir -p src && echo 'fn main() {}' > src/main.rs && {build} && rm -rf src {dir}/.fingerprint/{package}-*",
		Artifact: "a native binary",
		Source:   Source{URL: "https://doc.rust-lang.org/cargo/guide/build-cache.html", Version: "cargo 1.83"},
	},
	"maven": {
		Manager: "maven", Dir: "target",
		Prefetch: "mvn -B dependency:go-offline",
		Artifact: "a jar",
		Source:   Source{URL: "https://maven.apache.org/plugins/maven-dependency-plugin/go-offline-mojo.html", Version: "maven-dependency-plugin 3.8"},
	},
	"gradle": {
		Manager: "gradle", Dir: "build/libs",
		Prefetch: "gradle dependencies --no-daemon",
		Artifact: "a jar",
		Source:   Source{URL: "https://docs.gradle.org/current/userguide/directory_layout.html", Version: "Gradle 8.11"},
	},
}

// PrefetchFor is Prefetch for one project: its build command, profile directory and package.
func (o *BuildOutput) PrefetchFor(build, dir, pkg string) string {
	return strings.NewReplacer("{build}", build, "{dir}", dir, "{package}", pkg).Replace(o.Prefetch)
}
