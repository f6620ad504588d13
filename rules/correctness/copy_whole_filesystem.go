package correctness

import (
	"path"
	"strings"

	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules/internal/ruleutil"
)

var (
	// CopyWholeFilesystem is DO512 (copy-whole-filesystem).
	CopyWholeFilesystem = &rule.Rule{
		ID:          "DO512",
		Name:        "copy-whole-filesystem",
		Family:      rule.Correctness,
		Severity:    rule.Warning,
		Equivalents: []string{"hadolint:DL3067"},
		Doc: rule.Doc{
			What: "Finds `COPY --from=<stage or image> / /`: the whole filesystem of another stage copied " +
				"over the current one. Not reported in a stage built FROM scratch, where it is the " +
				"deliberate way to flatten an image into one layer (hadolint's DL3067 reports it there too). " +
				"Otherwise as DL3067: any `--from` (stage, index or image), quoted paths unquoted as " +
				"BuildKit does; paths are compared cleaned, so `/.` is `/` too.",
			Why: "It overwrites the base image's /etc/passwd, package database, libraries and everything " +
				"else with the other stage's, so the result is neither image, and it carries the build " +
				"stage's compilers and caches into the image, which is what a multi-stage build is meant " +
				"to leave behind. Copy the files the program needs.",
			Example:    "FROM debian:bookworm-slim\nCOPY --from=build / /",
			UseInstead: "FROM debian:bookworm-slim\nCOPY --from=build /out/app /usr/local/bin/app",
			References: []string{
				"https://docs.docker.com/build/building/multi-stage/",
				"https://github.com/hadolint/hadolint/wiki/DL3067",
			},
		},
		Check: func(p *rule.Pass) {
			f := p.File
			for _, in := range f.Instructions {
				ci, ok := ruleutil.CopyOf(f, in)
				if !ok || in.Cmd != "copy" || ci.From == "" || in.Stage == nil {
					continue
				}
				root := f.RootStage(in.Stage)
				if root != nil && strings.EqualFold(root.BaseImage, "scratch") {
					continue
				}
				dest, _ := f.Expand(in, in.Args[len(in.Args)-1])
				if path.Clean(dest) != "/" {
					continue
				}
				for _, s := range ci.Sources {
					if path.Clean(s) == "/" {
						p.Report(in, "COPY --from="+ci.From+" / / copies the whole filesystem of another stage over this one: copy only the files needed")
						break
					}
				}
			}
		},
	}
)
