package lint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/dockerfile"
	"github.com/dockopt/dockopt/rule"
)

// skipDirs are directories never searched for Dockerfiles.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true, ".hg": true, ".svn": true}

// notDockerfileExts are extensions that make a Dockerfile.* (or Containerfile.*) name
// documentation, a script, a backup, a test's expected output... rather than a Dockerfile.
var notDockerfileExts = map[string]bool{
	"md": true, "markdown": true, "txt": true, "rst": true, "adoc": true, "asciidoc": true, "html": true, "pdf": true,
	"json": true, "yaml": true, "yml": true, "toml": true, "ini": true, "xml": true, "csv": true,
	"sh": true, "bash": true, "zsh": true, "ps1": true, "bat": true, "cmd": true,
	"py": true, "js": true, "ts": true, "go": true, "rb": true, "pl": true, "java": true, "rs": true,
	"bak": true, "backup": true, "old": true, "swp": true, "swo": true, "tmp": true, "temp": true, "log": true,
	"orig": true, "rej": true, "golden": true, "fixed": true, "expected": true, "patch": true, "diff": true,
	"lock": true, "sum": true, "sig": true, "asc": true, "sha256": true,
	"dockerignore": true, "gitignore": true,
	"png": true, "jpg": true, "jpeg": true, "svg": true, "gif": true,
	"gz": true, "tgz": true, "zip": true, "tar": true,
}

// IsDockerfileName reports whether a base name is a Dockerfile by convention: Dockerfile,
// Containerfile, *.Dockerfile, *Dockerfile (api-Dockerfile), Dockerfile.* (but not
// Dockerfile.*.dockerignore, editor backups, dockopt's own .orig backups, nor a name whose
// last extension is a known non-Dockerfile one: Dockerfile.md, Dockerfile.sh, Dockerfile.golden...).
func IsDockerfileName(name string) bool {
	if strings.HasSuffix(name, "~") || strings.HasPrefix(name, ".#") {
		return false
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 && notDockerfileExts[strings.ToLower(name[i+1:])] {
		return false
	}
	switch {
	case name == "Dockerfile", name == "Containerfile", name == "dockerfile":
		return true
	case strings.HasSuffix(name, "Dockerfile"), strings.HasSuffix(name, ".dockerfile"), strings.HasSuffix(name, "Containerfile"):
		return true
	case strings.HasPrefix(name, "Dockerfile."), strings.HasPrefix(name, "Containerfile."):
		return true
	}
	return false
}

// Discover expands the command-line paths into Dockerfiles: files are taken as they are;
// directories are searched recursively for IsDockerfileName files (skipping .git,
// node_modules, vendor); "-" stands for standard input. Missing paths are returned as errors
// (the others are still listed); a symbolic link found in a directory whose target is not a
// readable file is left out with a *SkippedError.
func Discover(paths []string) (files []string, errs []error) {
	if len(paths) == 0 {
		paths = []string{"Dockerfile"}
	}
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		if p == "-" {
			add(p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &FileError{File: p, Err: describeOSError(err)})
			continue
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		var found []string
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == p {
					return err
				}
				return nil
			}
			if d.IsDir() {
				if path != p && skipDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			if !IsDockerfileName(d.Name()) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
					target, _ := os.Readlink(path)
					errs = append(errs, &SkippedError{File: path, Reason: fmt.Sprintf("a symbolic link to %s, which is not a readable file", target)})
					return nil
				}
				found = append(found, path)
			} else if d.Type().IsRegular() {
				found = append(found, path)
			}
			return nil
		})
		if walkErr != nil {
			errs = append(errs, &FileError{File: p, Err: describeOSError(walkErr)})
			continue
		}
		if len(found) == 0 {
			errs = append(errs, &FileError{File: p, Err: errors.New("no Dockerfile found in this directory")})
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return files, errs
}

// SkippedError is a file a directory search found and left out, with why (a symbolic link
// whose target is missing): a warning, not a failure of the run.
type SkippedError struct {
	File, Reason string
}

func (e *SkippedError) Error() string { return fmt.Sprintf("%s: skipped: %s", e.File, e.Reason) }

// FileError is a file that could not be read or parsed.
type FileError struct {
	File   string
	Line   int
	Column int
	Err    error
}

func (e *FileError) Error() string {
	return fmt.Sprintf("%s: %v", dockerfile.Pos{File: e.File, Line: e.Line, Column: e.Column}, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

func describeOSError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

// FileResult is the outcome of linting one file.
type FileResult struct {
	Path string
	// Source is kept for excerpts; the parsed model is not (it is ~40 times the source's size
	// and a run over many files would hold them all until output).
	Source   []byte
	Findings []rule.Finding
	// Err is a *FileError when the file could not be read, parsed, or its context scanned.
	Err *FileError
}

// FilesOptions extend Options for a multi-file run.
type FilesOptions struct {
	Options
	// BuildArgs are --build-arg values.
	BuildArgs map[string]string
	// ContextDir, when set, is the build context of every file; otherwise each file's
	// directory is its context.
	ContextDir string
	// NoContext lints files alone (rules that need the context are skipped).
	NoContext bool
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Workers is the number of files linted at once; 0 means runtime.GOMAXPROCS(0) (the CPUs
	// this process may use, a container's CPU limit included).
	Workers int
	// Contexts, when set, is where build contexts are scanned and kept; otherwise each run
	// has its own. Either way a directory is walked once for all its Dockerfiles.
	Contexts *buildctx.Cache
	// Builds are the compose services and bake targets building the files (DiscoverBuilds):
	// their context and build args apply, and the findings name them.
	Builds Builds
}

// RunFiles lints files concurrently; results come back in the order of files.
func RunFiles(files []string, opt FilesOptions) []FileResult {
	results := make([]FileResult, len(files))
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(files)))
	ctxCache := opt.Contexts
	if ctxCache == nil {
		ctxCache = new(buildctx.Cache)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = lintOne(files[i], opt, ctxCache)
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results
}

// MaxReadBytes bounds how much of a file is read (a little over the parser's limit, so a
// larger file is recognised without reading it all).
const MaxReadBytes = dockerfile.MaxFileBytes + 1

// readLimited reads r up to MaxReadBytes; sizeHint (the file's size, or -1) sizes the buffer,
// so that a regular file is read into one allocation.
func readLimited(r io.Reader, sizeHint int64) ([]byte, error) {
	lr := io.LimitReader(r, MaxReadBytes)
	if sizeHint < 0 || sizeHint >= MaxReadBytes {
		return io.ReadAll(lr)
	}
	buf := make([]byte, 0, sizeHint+1) // +1: room to see the end without growing
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew since Stat
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// ReadSource reads the Dockerfile at path ("-" reads stdin, os.Stdin when nil), at most
// MaxReadBytes of it. A file over dockerfile.MaxFileBytes is an error naming its real size
// (from Stat; "more than" the limit for stdin or when the size is unknown).
func ReadSource(path string, stdin io.Reader) ([]byte, *FileError) {
	var src []byte
	var err error
	size := int64(-1)
	if path == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		src, err = readLimited(stdin, -1)
	} else {
		var fh io.ReadCloser
		var isDir bool
		fh, size, isDir, err = openRaw(path)
		if err == nil && isDir {
			err = errors.New("is a directory")
		}
		if err == nil {
			src, err = readLimited(fh, size)
			fh.Close()
		}
	}
	if err != nil {
		return nil, &FileError{File: path, Err: describeOSError(err)}
	}
	if len(src) > dockerfile.MaxFileBytes {
		if size > int64(dockerfile.MaxFileBytes) {
			return nil, &FileError{File: path, Err: fmt.Errorf("file is %d bytes, larger than the %d-byte limit for a Dockerfile", size, dockerfile.MaxFileBytes)}
		}
		what := "file"
		if path == "-" {
			what = "standard input"
		}
		return nil, &FileError{File: path, Err: fmt.Errorf("%s is more than %d bytes, the limit for a Dockerfile", what, dockerfile.MaxFileBytes)}
	}
	return src, nil
}

func lintOne(path string, opt FilesOptions, cache *buildctx.Cache) (res FileResult) {
	res.Path = path
	defer func() {
		if r := recover(); r != nil {
			res.Findings = nil
			res.Err = &FileError{File: path, Err: fmt.Errorf("internal error: %v", r)}
		}
	}()
	src, ferr := ReadSource(path, opt.Stdin)
	if ferr != nil {
		res.Err = ferr
		return res
	}
	res.Source = src
	f, err := dockerfile.Parse(path, src, dockerfile.Options{BuildArgs: opt.Builds.BuildArgs(path, opt.BuildArgs)})
	if err != nil {
		var pe *dockerfile.ParseError
		if errors.As(err, &pe) {
			res.Err = &FileError{File: path, Line: pe.Line, Column: pe.Column, Err: errors.New(pe.Msg)}
		} else {
			res.Err = &FileError{File: path, Err: err}
		}
		return res
	}
	var ctx *buildctx.Context
	if !opt.NoContext && path != "-" {
		dir := opt.ContextDir
		if dir == "" {
			dir = opt.Builds.ContextDir(path)
		}
		if dir == "" {
			dir = filepath.Dir(path)
		}
		// The Dockerfile's own ignore file (<Dockerfile>.dockerignore) is looked for next to
		// it, as BuildKit does, also when the Dockerfile is outside the context.
		rel, rerr := filepath.Rel(dir, path)
		if rerr != nil || strings.HasPrefix(rel, "..") {
			if abs, aerr := filepath.Abs(path); aerr == nil { // Abs stats . and $PWD: only when needed
				rel = abs
			}
		}
		ctx, err = cache.Context(dir, rel)
		if err != nil {
			var ie *buildctx.IgnoreFileError
			if errors.As(err, &ie) {
				res.Err = &FileError{File: ie.File, Line: ie.Line, Err: errors.New(ie.Msg)}
			} else {
				res.Err = &FileError{File: dir, Err: describeOSError(err)}
			}
			return res
		}
	}
	res.Findings = runTargets(f, ctx, opt.Options, opt.Builds.Targets(path))
	opt.Builds.annotate(path, res.Findings)
	return res
}
