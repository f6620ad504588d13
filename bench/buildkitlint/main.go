// Command buildkitlint is the yardstick of bench/run.sh: BuildKit's own linter
// (dockerfile2llb.DockerfileLint, the code behind `docker build --check`) over the same files
// as `dockopt lint`, in one process. It takes files and directories (searched for
// Dockerfile, *Dockerfile, *.dockerfile, Containerfile, Dockerfile.*), lints them on
// GOMAXPROCS workers, as dockopt does, and prints one line per warning or build error in
// the order of the files. Base images resolve offline to an empty configuration, so no
// registry is asked. Exit status: 0, or 2 when a path cannot be read.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// offlineResolver answers base-image metadata requests without a registry: every image
// exists for the requested platform, with an empty configuration.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	p := ocispecs.Platform{OS: "linux", Architecture: "amd64"}
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		p = *opt.ImageOpt.Platform
	}
	cfg, _ := json.Marshal(ocispecs.Image{Platform: p})
	return ref, "", cfg, nil
}

func isDockerfileName(n string) bool {
	if strings.HasSuffix(n, "~") || strings.HasSuffix(n, ".dockerignore") || strings.HasSuffix(n, ".md") || strings.HasSuffix(n, ".txt") {
		return false
	}
	return strings.HasSuffix(n, "Dockerfile") || strings.HasSuffix(n, ".dockerfile") || strings.HasSuffix(n, "Containerfile") ||
		strings.HasPrefix(n, "Dockerfile.") || strings.HasPrefix(n, "Containerfile.")
}

func discover(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && isDockerfileName(d.Name()) {
				found = append(found, path)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

func lintFile(path string) string {
	dt, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("%s: %v\n", path, err)
	}
	var b strings.Builder
	func() {
		defer func() {
			if r := recover(); r != nil {
				fmt.Fprintf(&b, "%s: panic: %v\n", path, r)
			}
		}()
		sm := llb.NewSourceMap(nil, path, "Dockerfile", dt)
		sm.Definition = &llb.Definition{} // DockerfileLint calls Definition.ToPB
		res, err := dockerfile2llb.DockerfileLint(context.Background(), dt, dockerfile2llb.ConvertOpt{
			Config:       dockerui.Config{},
			SourceMap:    sm,
			MetaResolver: offlineResolver{},
		})
		if err != nil {
			fmt.Fprintf(&b, "%s: %v\n", path, err)
			return
		}
		for _, w := range res.Warnings {
			line := 0
			if w.Location != nil && len(w.Location.Ranges) > 0 {
				line = int(w.Location.Ranges[0].Start.Line)
			}
			fmt.Fprintf(&b, "%s:%d: %s: %s\n", path, line, w.RuleName, w.Detail)
		}
		if res.Error != nil {
			fmt.Fprintf(&b, "%s: error: %s\n", path, res.Error.Message)
		}
	}()
	return b.String()
}

func main() {
	paths := os.Args[1:]
	if len(paths) == 0 {
		paths = []string{"Dockerfile"}
	}
	files, err := discover(paths)
	if err != nil {
		fmt.Fprintln(os.Stderr, "buildkitlint:", err)
		os.Exit(2)
	}
	out := make([]string, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range jobs {
				out[i] = lintFile(files[i])
			}
		})
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	w := bufio.NewWriter(os.Stdout)
	for _, s := range out {
		w.WriteString(s)
	}
	w.Flush()
}
