package ruleutil

import (
	"path"
	"slices"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// The rules that judge what the final image ships or runs as (DO107, DO108, DO109, DO301's
// image without USER) speak to images that run an application. Three kinds of image are bases
// for others, where build tools, full variants and the user are the child image's business: images without their own CMD or ENTRYPOINT (buildpack-deps, CI
// images), ONBUILD templates (the child build installs the dependencies, and may need the
// compilers), and language images whose command is the bare interpreter or a shell (the
// official python, node, ruby and php images: CMD ["python3"], ["node"], ["irb"],
// ["php", "-a"]), which keep headers on purpose so that child images can build native
// extensions. The official php image's server variants (php:*-fpm, php:*-apache) are language
// bases too, whatever their command: they ship the docker-php-ext-* helpers for child images
// (`docker-php-ext-install gd`), which compile extensions with the PHPIZE_DEPS toolchain the
// image keeps installed for that purpose (docker-library/php: "dependencies required for
// running phpize").

// replProgram matches an interpreter or shell run with no program: the command of a
// language or toolbox image.
var replProgram = lazyre.New(`^(python|pypy)[0-9.]*$|^(node|nodejs|irb|ghci|iex|erl|jshell|julia|R|tclsh|lua[0-9.]*|bash|sh|ash|dash|zsh)$`)

// RunsApplication reports whether the final image runs an application of its own (see above).
func RunsApplication(f *dockerfile.File) bool {
	return DefinesCommand(f) && !hasOnbuild(f) && !replCommand(f) && !shipsPHPExtHelpers(f)
}

// phpExtHelpers are the scripts of the official php image that build PHP extensions in child
// images (https://github.com/docker-library/php: docker-php-ext-configure, -enable, -install
// and docker-php-source).
var phpExtHelpers = lazyre.New(`^docker-php-(ext-[a-z*]+|source)$`)

// shipsPHPExtHelpers reports whether the final image copies the official php image's
// extension helpers into itself (COPY docker-php-ext-* /usr/local/bin/): it is that image, a
// base for PHP applications, not an application built FROM it (which uses the helpers and
// does not copy them).
func shipsPHPExtHelpers(f *dockerfile.File) bool {
	for _, st := range f.StageChain(f.FinalStage()) {
		for _, in := range st.Instructions {
			sd := SourcesAndDest(in)
			if _, from := in.Flag("from"); sd == nil || from {
				continue
			}
			for _, src := range sd.SourcePaths {
				if phpExtHelpers.MatchString(path.Base(src)) {
					return true
				}
			}
		}
	}
	return false
}

// DefinesCommand reports whether the final stage (or a stage it is built FROM) sets CMD or
// ENTRYPOINT.
func DefinesCommand(f *dockerfile.File) bool {
	for _, st := range f.StageChain(f.FinalStage()) {
		for _, in := range st.Instructions {
			if in.Cmd == "cmd" || in.Cmd == "entrypoint" {
				return true
			}
		}
	}
	return false
}

// hasOnbuild reports whether the file has an ONBUILD instruction: it is a template.
func hasOnbuild(f *dockerfile.File) bool {
	for _, in := range f.Instructions {
		if in.Cmd == "onbuild" {
			return true
		}
	}
	return false
}

// replCommand reports whether the final image's command is an interpreter or shell with no
// program: CMD ["python3"], CMD node, CMD ["php", "-a"], after an ENTRYPOINT that is an
// entrypoint script (docker-php-entrypoint) or none.
func replCommand(f *dockerfile.File) bool {
	entrypoint, cmd := f.CommandsAt(f.FinalStage())
	if entrypoint != nil {
		if w := commandWords(entrypoint); len(w) == 0 || !strings.Contains(path.Base(w[0]), "entrypoint") || len(w) > 1 {
			return false
		}
	}
	w := commandWords(cmd)
	if len(w) == 0 {
		return false
	}
	prog := path.Base(w[0])
	return (len(w) == 1 && replProgram.MatchString(prog)) || (prog == "php" && slices.Equal(w[1:], []string{"-a"}))
}

// MainProgram returns the base name of the program the final image runs: its ENTRYPOINT's,
// or its CMD's when the ENTRYPOINT is an entrypoint script (docker-entrypoint.sh,
// docker-php-entrypoint) that ends by running its arguments, or there is none. "" when
// neither is set.
func MainProgram(f *dockerfile.File) string {
	entrypoint, cmd := f.CommandsAt(f.FinalStage())
	if w := commandWords(entrypoint); len(w) > 0 && !strings.Contains(path.Base(w[0]), "entrypoint") {
		return path.Base(w[0])
	}
	if w := commandWords(cmd); len(w) > 0 {
		return path.Base(w[0])
	}
	return ""
}

// commandWords returns the words of a CMD or ENTRYPOINT (nil for nil).
func commandWords(in *dockerfile.Instruction) []string {
	if in == nil {
		return nil
	}
	if in.JSON {
		return in.Args
	}
	return strings.Fields(strings.Join(in.Args, " "))
}
