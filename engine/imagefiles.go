package engine

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
)

// ImageFiles reads single files of local images without running them: one stopped container
// per image (`docker create --pull never`), and `docker cp -L CONTAINER:PATH -` per file (a
// tar stream of that one file, symbolic links followed). The containers are removed by the
// Engine's Cleanup. Reads are cached, and safe for concurrent use.
type ImageFiles struct {
	e   *Engine
	ctx context.Context

	mu         sync.Mutex
	containers map[string]containerOrErr
	files      map[string]fileOrErr
}

type containerOrErr struct {
	id  string
	err error
}

type fileOrErr struct {
	data []byte
	err  error
}

// MaxImageFileBytes bounds one file read through ImageFiles (a shared library is a few MB).
const MaxImageFileBytes = 256 << 20

// ImageFiles returns a reader of files of local images; ctx bounds its docker commands.
func (e *Engine) ImageFiles(ctx context.Context) *ImageFiles {
	return &ImageFiles{e: e, ctx: ctx, containers: map[string]containerOrErr{}, files: map[string]fileOrErr{}}
}

// ReadFile returns the regular file at path p in image, symbolic links followed. It returns an
// error wrapping fs.ErrNotExist when the image has no such file, and a *CommandError (with the
// engine's words) when the image is not present locally: nothing is pulled.
func (f *ImageFiles) ReadFile(image, p string) ([]byte, error) {
	key := image + "\x00" + p
	f.mu.Lock()
	if r, ok := f.files[key]; ok {
		f.mu.Unlock()
		return r.data, r.err
	}
	f.mu.Unlock()
	data, err := f.read(image, p)
	f.mu.Lock()
	f.files[key] = fileOrErr{data, err}
	f.mu.Unlock()
	return data, err
}

func (f *ImageFiles) read(image, p string) ([]byte, error) {
	id, err := f.container(image)
	if err != nil {
		return nil, err
	}
	out, err := f.e.output(f.ctx, nil, "cp", "-L", id+":"+p, "-")
	if err != nil {
		var ce *CommandError
		// "Could not find the file" (newer engines), "No such container:path" (20.10)
		if errors.As(err, &ce) {
			if msg := strings.ToLower(ce.Stderr); strings.Contains(msg, "could not find the file") || strings.Contains(msg, "no such container:path") {
				return nil, fmt.Errorf("%s: %s: %w", image, p, fs.ErrNotExist)
			}
		}
		return nil, err
	}
	return firstTarFile(out, image, p)
}

// container returns the stopped container of image, creating it on first use.
func (f *ImageFiles) container(image string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.containers[image]; ok {
		return c.id, c.err
	}
	// the command is never run: an image without CMD/ENTRYPOINT (scratch, distroless static)
	// still needs one to create a container
	out, err := f.e.output(f.ctx, nil, "create", "--pull", "never", "--entrypoint", "/dockopt-never-run", image)
	id := strings.TrimSpace(string(out))
	if err == nil && id == "" {
		err = fmt.Errorf("docker create %s printed no container ID", image)
	}
	if err == nil {
		f.e.trackContainer(id)
	}
	f.containers[image] = containerOrErr{id, err}
	return id, err
}

// firstTarFile returns the content of the first entry of a tar stream, which `docker cp PATH -`
// writes for the file PATH; a directory is an error.
func firstTarFile(data []byte, image, p string) ([]byte, error) {
	tr := tar.NewReader(bytes.NewReader(data))
	h, err := tr.Next()
	if err != nil {
		return nil, fmt.Errorf("%s: %s: reading docker cp's tar stream: %v", image, p, err)
	}
	if h.Typeflag != tar.TypeReg {
		return nil, fmt.Errorf("%s: %s is not a regular file", image, p)
	}
	if h.Size > MaxImageFileBytes {
		return nil, fmt.Errorf("%s: %s is %d bytes, more than dockopt reads (%d)", image, p, h.Size, MaxImageFileBytes)
	}
	return io.ReadAll(tr)
}
