package optimize

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/instructions"
	"github.com/dockopt/dockopt/third_party/buildkit/frontend/dockerfile/parser"
)

// javaDF is a one-stage Java build on image, with extra lines before its command.
func javaDF(image, extra string) string {
	return "FROM " + image + "\nWORKDIR /app\nCOPY . .\nRUN javac -d classes Main.java && jar --create --file app.jar --main-class Main -C classes .\n" + extra + "CMD [\"java\", \"-jar\", \"app.jar\"]\n"
}

// mvnDF is a one-stage Maven build on maven:3-eclipse-temurin-17 that runs command.
func mvnDF(command ...string) string {
	return "FROM maven:3-eclipse-temurin-17\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD " + jsonArray(command) + "\n"
}

// bootPOM is a pom.xml with the Spring Boot plugin (plugin: what goes inside its <plugin>
// after the artifactId), a parent, and other top-level elements.
func bootPOM(parent, other, plugin string) string {
	return "<project>" + parent + other + "<dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies>" +
		"<build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId>" + plugin + "</plugin></plugins></build></project>"
}

// Java and Rust single-stage builds: what the runtime stage gets, whether the dependencies
// get a layer of their own, and the note when the split is declined.
func TestSplitJavaRust(t *testing.T) {
	const rustDF = "FROM rust:1-bookworm\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/my-svc\"]\n"
	const cargo = "[package]\nname = \"my-svc\"\nversion = \"0.1.0\"\n"
	for name, c := range map[string]struct {
		files    map[string]string
		want     []string // lines of the result
		not      []string // text the result must not hold
		note     string
		stages   int
		stackWhy string
	}{
		"rust build": {files: map[string]string{"Dockerfile": rustDF, "Cargo.toml": cargo, "Cargo.lock": "version = 3\n", "src/main.rs": "fn main() {}\n"},
			want: []string{"FROM debian:bookworm-slim AS runtime", "COPY Cargo.toml Cargo.lock ./",
				"RUN mkdir -p src && echo 'fn main() {}' > src/main.rs && cargo build --release && rm -rf src target/release/.fingerprint/my-svc-*",
				"COPY --from=runtime-build /src/target/release/my-svc /src/target/release/my-svc", "USER 10001:10001"},
			note: "no HEALTHCHECK is added for the Rust service: a check needs an HTTP client, debian:bookworm-slim has no curl or wget", stages: 2, stackWhy: "a Rust project"},
		"rust lib": {files: map[string]string{"Dockerfile": rustDF, "Cargo.toml": cargo, "src/main.rs": "fn main() {}\n", "src/lib.rs": "\n"},
			want: []string{"FROM debian:bookworm-slim AS runtime"}, not: []string{"fn main() {}' > src/main.rs"},
			note: "the crate has src/lib.rs", stages: 2},
		"rust target dir": {files: map[string]string{"Dockerfile": "FROM rust:1.83-slim-bookworm\nWORKDIR /src\nCOPY . .\nRUN cargo build --release --target-dir /out\nCMD [\"/out/release/my-svc\"]\n", "Cargo.toml": cargo, "src/main.rs": "\n"},
			want: []string{"COPY --from=runtime-build /out/release/my-svc /out/release/my-svc", "RUN mkdir -p src && echo 'fn main() {}' > src/main.rs && cargo build --release --target-dir /out && rm -rf src /out/release/.fingerprint/my-svc-*"}, stages: 2},
		"rust alpine": {files: map[string]string{"Dockerfile": "FROM rust:1-alpine\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/my-svc\"]\n", "Cargo.toml": cargo},
			note: "a Rust project on rust:1-alpine (musl)", stages: 1},
		"rust alpine static": {files: map[string]string{"Dockerfile": "FROM rust:1-alpine\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/my-svc\"]\n", "Cargo.toml": cargo,
			"Cargo.lock": "version = 3\n\n[[package]]\nname = \"my-svc\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"itoa\"\nversion = \"1.0.0\"\n", "src/main.rs": "fn main() {}\n"},
			want: []string{"FROM scratch AS runtime", "COPY --from=runtime-build /src/target/release/my-svc /src/target/release/my-svc",
				"COPY --from=runtime-build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt", "USER 10001:10001"},
			not: []string{"RUN groupadd", "HEALTHCHECK"}, note: "no HEALTHCHECK: the image is FROM scratch", stages: 2, stackWhy: "a Rust project"},
		"rust alpine sys": {files: map[string]string{"Dockerfile": "FROM rust:1-alpine\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/my-svc\"]\n", "Cargo.toml": cargo,
			"Cargo.lock": "version = 3\n\n[[package]]\nname = \"openssl-sys\"\nversion = \"0.9.0\"\n", "src/main.rs": "fn main() {}\n"},
			note: "a Rust project on rust:1-alpine (musl): Cargo.lock has openssl-sys, which binds a C library", stages: 1},
		"rust alpine build script": {files: map[string]string{"Dockerfile": "FROM rust:1-alpine\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/my-svc\"]\n", "Cargo.toml": cargo,
			"Cargo.lock": "version = 3\n", "build.rs": "fn main() {}\n", "src/main.rs": "fn main() {}\n"},
			note: "the crate has a build script (build.rs)", stages: 1},
		"rust musl target": {files: map[string]string{"Dockerfile": "FROM rust:1-bookworm\nWORKDIR /src\nCOPY . .\nRUN cargo build --release --target x86_64-unknown-linux-musl\nCMD [\"./target/x86_64-unknown-linux-musl/release/my-svc\"]\n", "Cargo.toml": cargo,
			"Cargo.lock": "version = 3\n", "src/main.rs": "fn main() {}\n"},
			want: []string{"FROM scratch AS runtime", "COPY --from=runtime-build /src/target/x86_64-unknown-linux-musl/release/my-svc /src/target/x86_64-unknown-linux-musl/release/my-svc"}, stages: 2},
		"rust cargo run": {files: map[string]string{"Dockerfile": "FROM rust:1\nWORKDIR /src\nCOPY . .\nCMD [\"cargo\", \"run\", \"--release\"]\n", "Cargo.toml": cargo},
			note: "a Rust project: stage 0 runs cargo", stages: 1},
		"java classpath": {files: map[string]string{"Dockerfile": "FROM eclipse-temurin:21-jdk-jammy\nWORKDIR /app\nCOPY . .\nRUN javac -d classes Main.java\nCMD [\"java\", \"-cp\", \"classes:lib/*\", \"Main\"]\n", "Main.java": "class Main {}\n"},
			want: []string{"FROM eclipse-temurin:21-jre-jammy AS runtime", "COPY --from=runtime-build /app/classes /app/classes", "COPY --from=runtime-build /app/lib /app/lib"},
			note: "the class path classes:lib/* names a directory's jars with a wildcard", stages: 2, stackWhy: "a Java project"},
		"java jlink 21": {files: map[string]string{"Dockerfile": javaDF("eclipse-temurin:21-jdk-jammy", ""), "Main.java": "class Main {}\n"},
			want: []string{"RUN jdeps --ignore-missing-deps --print-module-deps --multi-release 21 /app/app.jar > /opt/jre-modules",
				"FROM eclipse-temurin:21-jdk-jammy AS runtime-jre", "COPY --from=runtime-build /opt/jre-modules /opt/jre-modules",
				"RUN jlink --add-modules \"$(cat /opt/jre-modules)\" --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output /opt/jre",
				"FROM debian:bookworm-slim AS runtime", "ENV JAVA_HOME=/opt/jre PATH=\"/opt/jre/bin:${PATH}\"",
				"COPY --from=runtime-jre /opt/jre /opt/jre", "COPY --from=runtime-build /app/app.jar /app/app.jar", "USER 10001:10001"},
			not: []string{"-jre AS runtime", "HEALTHCHECK"}, note: "no HEALTHCHECK is added for the Java service: a check needs an HTTP client, java cannot run one given on its command line (the source-file launcher needs the jdk.compiler module, which a JRE and a jlink'd runtime lack: https://openjdk.org/jeps/330), and debian:bookworm-slim has no curl or wget",
			stages: 3, stackWhy: "a Java project"},
		"java jlink openjdk slim": {files: map[string]string{"Dockerfile": javaDF("openjdk:17-jdk-slim-bullseye", ""), "Main.java": "class Main {}\n"},
			want:   []string{"FROM openjdk:17-jdk-slim-bullseye AS runtime-jre", "FROM debian:bullseye-slim AS runtime", "RUN jlink --add-modules \"$(cat /opt/jre-modules)\" --strip-debug --no-man-pages --no-header-files --compress=2 --output /opt/jre"},
			stages: 3},
		"java 11 no jre": {files: map[string]string{"Dockerfile": javaDF("openjdk:11", ""), "Main.java": "class Main {}\n"},
			note: "dockopt knows no JRE image of it, and dockopt writes jdeps and jlink for Java 17 and later", stages: 1},
		"java alpine": {files: map[string]string{"Dockerfile": javaDF("eclipse-temurin:21-jdk-alpine", ""), "Main.java": "class Main {}\n"},
			want: []string{"FROM eclipse-temurin:21-jre-alpine AS runtime"}, not: []string{"jlink"},
			note: "eclipse-temurin:21-jdk-alpine is not a glibc image", stages: 2},
		"java build user": {files: map[string]string{"Dockerfile": javaDF("eclipse-temurin:17-jdk", "USER 1000\n"), "Main.java": "class Main {}\n"},
			want: []string{"FROM eclipse-temurin:17-jre AS runtime"}, not: []string{"jlink"},
			note: "the build runs as user 1000, who cannot write /opt/jre", stages: 2},
		"spring boot no version": {files: map[string]string{"Dockerfile": mvnDF("java", "-jar", "target/app.jar"), "pom.xml": bootPOM("", "", "")},
			want: []string{"FROM eclipse-temurin:17-jre AS runtime", "COPY --from=runtime-build /app/target/app.jar /app/target/app.jar"}, not: []string{"jlink", "jarmode"},
			note: "pom.xml names no Spring Boot version dockopt can read", stages: 2},
		"spring boot 3.3 parent": {files: map[string]string{"Dockerfile": mvnDF("java", "-Xmx512m", "-jar", "target/app.jar", "--server.port=8081"), "pom.xml": bootPOM("<parent><artifactId>spring-boot-starter-parent</artifactId><version>3.3.5</version></parent>", "", "")},
			want: []string{"RUN java -Djarmode=tools -jar /app/target/app.jar extract --layers --launcher --destination /app/target/app-layers",
				"FROM eclipse-temurin:17-jre AS runtime",
				"COPY --from=runtime-build /app/target/app-layers/dependencies/ /app/\nCOPY --from=runtime-build /app/target/app-layers/spring-boot-loader/ /app/\nCOPY --from=runtime-build /app/target/app-layers/snapshot-dependencies/ /app/\nCOPY --from=runtime-build /app/target/app-layers/application/ /app/",
				`CMD ["java", "-Xmx512m", "org.springframework.boot.loader.launch.JarLauncher", "--server.port=8081"]`},
			not: []string{"jlink", "COPY --from=runtime-build /app/target/app.jar"}, note: "not one linked with jlink: a Spring Boot application", stages: 2},
		"spring boot 3.2 property": {files: map[string]string{"Dockerfile": mvnDF("java", "-jar", "target/app.jar"),
			"pom.xml": bootPOM("", "<properties><boot.version>3.2.4</boot.version></properties><dependencyManagement><dependencies><dependency><artifactId>spring-boot-dependencies</artifactId><version>${boot.version}</version></dependency></dependencies></dependencyManagement>", "")},
			want: []string{"RUN java -Djarmode=layertools -jar /app/target/app.jar extract --destination /app/target/app-layers",
				`CMD ["java", "org.springframework.boot.loader.launch.JarLauncher"]`}, stages: 2},
		"spring boot 2.7 plugin version": {files: map[string]string{"Dockerfile": mvnDF("java", "-jar", "target/app.jar"), "pom.xml": bootPOM("", "", "<version>2.7.18</version>")},
			want: []string{"RUN java -Djarmode=layertools -jar /app/target/app.jar extract --destination /app/target/app-layers",
				`CMD ["java", "org.springframework.boot.loader.JarLauncher"]`}, stages: 2},
		"spring boot 2.3": {files: map[string]string{"Dockerfile": mvnDF("java", "-jar", "target/app.jar"), "pom.xml": bootPOM("", "", "<version>2.3.12.RELEASE</version>")},
			not: []string{"jarmode"}, note: "Spring Boot 2.3.12.RELEASE: jars have the layers index by default from 2.4", stages: 2},
		"spring boot layers off": {files: map[string]string{"Dockerfile": mvnDF("java", "-jar", "target/app.jar"), "pom.xml": bootPOM("", "", "<version>3.3.5</version><configuration><layers><enabled>false</enabled></layers></configuration>")},
			not: []string{"jarmode"}, note: "pom.xml turns the jar's layers off", stages: 2},
		"spring boot gradle kts": {files: map[string]string{"Dockerfile": "FROM gradle:8-jdk21\nWORKDIR /home/gradle/project\nCOPY . .\nRUN gradle bootJar --no-daemon\nENTRYPOINT [\"java\", \"-jar\", \"build/libs/app.jar\"]\n",
			"build.gradle.kts": "plugins {\n  java\n  id(\"org.springframework.boot\") version \"3.4.1\"\n}\n"},
			want: []string{"RUN java -Djarmode=tools -jar /home/gradle/project/build/libs/app.jar extract --layers --launcher --destination /home/gradle/project/build/libs/app-layers",
				"FROM eclipse-temurin:21-jre AS runtime", "COPY --from=runtime-build /home/gradle/project/build/libs/app-layers/application/ /home/gradle/project/",
				`ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]`},
			note: "a Spring Boot project built with Gradle: its dependencies are downloaded with the code in one layer", stages: 2},
		"gradle no spring": {files: map[string]string{"Dockerfile": "FROM gradle:8-jdk21\nWORKDIR /p\nCOPY . .\nRUN gradle build --no-daemon\nCMD [\"java\", \"-jar\", \"build/libs/app.jar\"]\n", "build.gradle": "plugins { id 'java' }\n"},
			note: "dockopt reads build.gradle only for the Spring Boot plugin", stages: 1},
		"maven deps no fat jar": {files: map[string]string{"Dockerfile": "FROM maven:3-eclipse-temurin-17\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n",
			"pom.xml": "<project><dependencies><dependency><artifactId>guava</artifactId></dependency></dependencies></project>"},
			note: "pom.xml depends on guava and builds no jar that holds its dependencies", stages: 1},
		"java shell command": {files: map[string]string{"Dockerfile": "FROM eclipse-temurin:17-jdk\nWORKDIR /app\nCOPY . .\nRUN javac Main.java\nCMD java Main\n", "Main.java": "class Main {}\n"},
			note: "not `java -jar FILE` or `java -cp PATH CLASS`", stages: 1},
	} {
		dir := writeContext(t, c.files)
		res, out, err := optimizeDir(t, dir, "Dockerfile", Options{NoCacheMounts: true})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := string(res.Dockerfile)
		if ast, err := parser.Parse(strings.NewReader(got)); err != nil {
			t.Errorf("%s: BuildKit's parser: %v", name, err)
		} else if _, _, err := instructions.Parse(ast.AST, nil); err != nil {
			t.Errorf("%s: BuildKit's instructions: %v", name, err)
		}
		if len(out.Stages) != c.stages {
			t.Errorf("%s: %d stages, want %d:\n%s", name, len(out.Stages), c.stages, got)
		}
		for _, w := range c.want {
			if !strings.Contains("\n"+got, "\n"+w+"\n") {
				t.Errorf("%s: no line %q in\n%s", name, w, got)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: %q in\n%s", name, w, got)
			}
		}
		if notes := strings.Join(res.Notes, "\n"); c.note != "" && !strings.Contains(notes, c.note) {
			t.Errorf("%s: no note %q in %q", name, c.note, notes)
		}
		if c.stackWhy != "" && !strings.HasPrefix(res.EcosystemWhy, c.stackWhy) {
			t.Errorf("%s: EcosystemWhy %q", name, res.EcosystemWhy)
		}
	}
}
