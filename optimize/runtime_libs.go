package optimize

import (
	"bytes"
	"debug/elf"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
)

// ImageFiles reads files of local images. The distroless runtime uses it to find the shared
// libraries that apt installed in a slim runtime stage, and their dependencies, in the builder's
// image, since a distroless image has no apt to install them (engine.ImageFiles reads them
// through the container engine; tests give a map).
type ImageFiles interface {
	// ReadFile returns the regular file at path in image, symbolic links followed; an error
	// wrapping fs.ErrNotExist when there is none. Any other error (the image is not there)
	// stops the search.
	ReadFile(image, path string) ([]byte, error)
}

// libCopy is one shared library to copy from the builder: its path there, by its soname.
type libCopy struct {
	path, soname string
}

// libDirs are the directories the dynamic loader of Debian's glibc searches by default (no
// ld.so.cache entry needed), for a multiarch triple.
func libDirs(triple string) []string {
	return []string{"/usr/lib/" + triple, "/lib/" + triple, "/usr/lib", "/lib"}
}

// isSharedLib: base names such as libpq.so.5 or libpq.so.5.15 (not libpq.so, the
// -dev package's link).
func isSharedLib(name string) bool {
	i := strings.Index(name, ".so.")
	return strings.HasPrefix(name, "lib") && i > 0 && strings.Trim(name[i+4:], "0123456789.") == ""
}

// docPrefixes are package files that are not needed at run time.
var docPrefixes = []string{"/usr/share/doc/", "/usr/share/man/", "/usr/share/lintian/", "/usr/share/locale/", "/usr/share/bug/", "/usr/share/info/"}

// libraryClosure returns the shared libraries the Debian packages pkgs put in image builder,
// and every library they need (ELF DT_NEEDED, transitively), that image runtime lacks: what a
// distroless runtime stage must copy from the builder instead of installing the packages. The
// packages' file lists are read from dpkg's database in the builder image; a package that is
// not installed there, one with files other than shared libraries and documentation (data a
// library opens at run time), or a needed library in neither image is an error that says so.
func libraryClosure(imgs ImageFiles, builder, runtime string, pkgs []string) ([]libCopy, error) {
	c := &closure{imgs: imgs, builder: builder, runtime: runtime, seen: map[string]bool{}}
	var roots []string
	for _, pkg := range pkgs {
		libs, err := c.packageLibs(pkg)
		if err != nil {
			return nil, err
		}
		roots = append(roots, libs...)
	}
	for _, r := range roots {
		data, err := imgs.ReadFile(builder, r)
		if err != nil {
			return nil, err
		}
		if err := c.add(r, data); err != nil {
			return nil, err
		}
	}
	for len(c.queue) > 0 {
		need := c.queue[0]
		c.queue = c.queue[1:]
		if err := c.resolve(need); err != nil {
			return nil, err
		}
	}
	sort.Slice(c.out, func(i, j int) bool { return c.out[i].path < c.out[j].path })
	return c.out, nil
}

type closure struct {
	imgs             ImageFiles
	builder, runtime string
	triple           string
	seen             map[string]bool // sonames handled
	queue            []neededBy
	out              []libCopy
}

type neededBy struct{ soname, by string }

// packageLibs reads a package's file list (/var/lib/dpkg/info/PKG:ARCH.list) in the builder
// image and returns its shared libraries.
func (c *closure) packageLibs(pkg string) ([]string, error) {
	var list []byte
	var err error
	for _, name := range []string{pkg + ":amd64", pkg + ":arm64", pkg} {
		list, err = c.imgs.ReadFile(c.builder, "/var/lib/dpkg/info/"+name+".list")
		if !errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("the package %s is not installed in %s, so dockopt cannot read its libraries before the build", pkg, c.builder)
	}
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(list)), "\n")
	isDir := map[string]bool{}
	for _, l := range lines {
		for d := path.Dir(l); d != "/" && d != "." && !isDir[d]; d = path.Dir(d) {
			isDir[d] = true // every ancestor of a listed path is a directory
		}
	}
	var libs, other []string
	for _, l := range lines {
		switch {
		case l == "" || l == "/." || isDir[l]:
		case isSharedLib(path.Base(l)) && strings.Contains(l, "/lib"):
			libs = append(libs, l)
		case !slices.ContainsFunc(docPrefixes, func(p string) bool { return strings.HasPrefix(l, p) }):
			other = append(other, l)
		}
	}
	if len(other) > 0 {
		return nil, fmt.Errorf("the package %s installs files other than shared libraries (%s), which dockopt does not copy into a distroless image", pkg, strings.Join(firstN(other, 3), ", "))
	}
	if len(libs) == 0 {
		return nil, fmt.Errorf("the package %s installs no shared library in %s", pkg, c.builder)
	}
	return libs, nil
}

// add records the library at path p of the builder (contents data) unless its soname is
// handled, and queues what it needs.
func (c *closure) add(p string, data []byte) error {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s in %s is not an ELF file: %v", p, c.builder, err)
	}
	defer f.Close()
	if c.triple == "" {
		switch f.Machine {
		case elf.EM_X86_64:
			c.triple = "x86_64-linux-gnu"
		case elf.EM_AARCH64:
			c.triple = "aarch64-linux-gnu"
		default:
			return fmt.Errorf("%s in %s is built for %s, which dockopt does not know the library directories of", p, c.builder, f.Machine)
		}
	}
	soname := path.Base(p)
	if names, _ := f.DynString(elf.DT_SONAME); len(names) > 0 {
		soname = names[0]
	}
	if c.seen[soname] {
		return nil
	}
	c.seen[soname] = true
	has, err := c.has(c.runtime, soname)
	if err != nil || has != "" {
		return err
	}
	c.out = append(c.out, libCopy{path: path.Join(path.Dir(p), soname), soname: soname})
	needed, err := f.DynString(elf.DT_NEEDED)
	if err != nil {
		return fmt.Errorf("%s in %s: reading DT_NEEDED: %v", p, c.builder, err)
	}
	for _, n := range needed {
		c.queue = append(c.queue, neededBy{n, soname})
	}
	return nil
}

// resolve finds a needed library: nothing to do when the runtime image has it, else it is
// copied from the builder image.
func (c *closure) resolve(n neededBy) error {
	if c.seen[n.soname] {
		return nil
	}
	if has, err := c.has(c.runtime, n.soname); err != nil || has != "" {
		c.seen[n.soname] = true
		return err
	}
	at, err := c.has(c.builder, n.soname)
	if err != nil {
		return err
	}
	if at == "" {
		return fmt.Errorf("%s, which %s needs, is in neither %s nor %s", n.soname, n.by, c.builder, c.runtime)
	}
	data, err := c.imgs.ReadFile(c.builder, at)
	if err != nil {
		return err
	}
	return c.add(at, data)
}

// has returns where image has the library soname in the loader's directories ("" when not).
func (c *closure) has(image, soname string) (string, error) {
	for _, d := range libDirs(c.triple) {
		p := d + "/" + soname
		_, err := c.imgs.ReadFile(image, p)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	return "", nil
}

func firstN(xs []string, n int) []string {
	if len(xs) > n {
		return append(xs[:n:n], "...")
	}
	return xs
}
