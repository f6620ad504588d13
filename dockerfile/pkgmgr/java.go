package pkgmgr

// Java's build tools: Maven and Gradle (with their wrappers, mvnw and gradlew).

var (
	mavenSource  = Source{URL: "https://maven.apache.org/ref/3.9.9/maven-embedder/cli.html", Version: "Maven 3.9"}
	gradleSource = Source{URL: "https://docs.gradle.org/current/userguide/command_line_interface.html", Version: "Gradle 8.11"}
)

func javaManagers() []*Manager { return []*Manager{maven(), gradle()} }

func maven() *Manager {
	return &Manager{
		ID: "maven", Ecosystem: "java",
		Programs: []string{"mvn", "mvnw"},
		Subcommands: []Subcommand{
			{Name: "dependency:go-offline", Action: Download,
				Source: Source{URL: "https://maven.apache.org/plugins/maven-dependency-plugin/go-offline-mojo.html", Version: "maven-dependency-plugin 3.8"}},
			{Name: "dependency:resolve", Action: Download,
				Source: Source{URL: "https://maven.apache.org/plugins/maven-dependency-plugin/resolve-mojo.html", Version: "maven-dependency-plugin 3.8"}},
			{Name: "package", Action: Build,
				Source: Source{URL: "https://maven.apache.org/guides/introduction/introduction-to-the-lifecycle.html", Version: "Maven 3.9"}},
			{Name: "verify", Action: Build},
			{Name: "install", Action: Build},
			{Name: "clean", Action: Clean},
		},
		ValueOptions: []string{"-f", "--file", "-s", "--settings", "-P", "--activate-profiles", "-pl", "--projects",
			"-T", "--threads", "-D", "--define", "-gs", "--global-settings", "-l", "--log-file", "-rf", "--resume-from"},
		LongOptions: []string{"--batch-mode", "--offline", "--quiet", "--also-make", "--update-snapshots", "--no-transfer-progress"},
		OptionAliases: map[string]string{"-B": "--batch-mode", "-o": "--offline", "-q": "--quiet", "-am": "--also-make",
			"-U": "--update-snapshots", "-ntp": "--no-transfer-progress", "-f": "--file"},
		Caches: []Cache{{Kind: "maven-repository", Dir: "/root/.m2/repository", Marker: "/.m2/repository",
			DirOptions: []string{"-Dmaven.repo.local"},
			Source:     Source{URL: "https://maven.apache.org/guides/mini/guide-configuring-maven.html", Version: "Maven 3.9"},
			// `mvn install` puts the project's own artifact there too: a COPY from it
			// afterwards keeps the cache unmounted (optimize checks)
			Mount: &CacheMount{Source: Source{URL: "https://maven.apache.org/guides/introduction/introduction-to-repositories.html", Version: "Maven 3.9 (the local repository, ~/.m2/repository)"}}}},
		Manifests: []string{"pom.xml"},
		Source:    mavenSource,
	}
}

func gradle() *Manager {
	return &Manager{
		ID: "gradle", Ecosystem: "java",
		Programs: []string{"gradle", "gradlew"},
		Subcommands: []Subcommand{
			{Name: "build", Action: Build},
			{Name: "assemble", Action: Build},
			{Name: "bootJar", Action: Build},
			{Name: "installDist", Action: Build},
			{Name: "dependencies", Action: Download},
			{Name: "clean", Action: Clean},
		},
		ValueOptions: []string{"-x", "--exclude-task", "-p", "--project-dir", "-D", "--system-prop", "-P", "--project-prop",
			"-g", "--gradle-user-home", "-b", "--build-file", "-c", "--settings-file"},
		LongOptions: []string{"--no-daemon", "--offline", "--build-cache", "--info", "--quiet", "--stacktrace", "--parallel"},
		OptionAliases: map[string]string{"-q": "--quiet", "-i": "--info", "-s": "--stacktrace",
			"-x": "--exclude-task", "-g": "--gradle-user-home"},
		Caches: []Cache{{Kind: "gradle-cache", Dir: "/root/.gradle/caches", Marker: "/.gradle/caches",
			DirOptions: []string{"-g", "--gradle-user-home"}, DirEnv: []string{"GRADLE_USER_HOME"},
			Source: Source{URL: "https://docs.gradle.org/current/userguide/directory_layout.html", Version: "Gradle 8.11"},
			Mount: &CacheMount{EnvSub: map[string]string{"GRADLE_USER_HOME": "caches"},
				Source: Source{URL: "https://docs.gradle.org/current/userguide/directory_layout.html#dir:gradle_user_home", Version: "Gradle 8.11 (GRADLE_USER_HOME/caches)"}}}},
		Manifests: []string{"build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"},
		Source:    gradleSource,
	}
}
