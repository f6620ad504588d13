package buildctx

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
)

// Cache shares the reading of build contexts between Dockerfiles: each directory is walked
// once and each ignore file read once, however many Dockerfiles use them (a folder of 400
// Dockerfiles was walked 400 times). The Contexts it returns share their entries; each has
// its own ignore matcher (a patternmatcher compiles patterns on first use, so one matcher is
// not shared between goroutines). A Cache is safe for concurrent use; it never forgets, so
// it is meant for one run over files that do not change meanwhile.
type Cache struct {
	mu      sync.Mutex
	dirs    map[string]*cached[*Context]
	ignores map[string]*cached[ignoreFile]
	walks   atomic.Int64
}

type cached[T any] struct {
	once sync.Once
	val  T
	err  error
}

type ignoreFile struct {
	patterns []string
	found    bool
}

func load[T any](mu *sync.Mutex, m *map[string]*cached[T], key string, f func() (T, error)) (T, error) {
	mu.Lock()
	if *m == nil {
		*m = map[string]*cached[T]{}
	}
	e, ok := (*m)[key]
	if !ok {
		e = &cached[T]{}
		(*m)[key] = e
	}
	mu.Unlock()
	e.once.Do(func() { e.val, e.err = f() })
	return e.val, e.err
}

// Walks is the number of directory walks the cache made (one per distinct directory).
func (c *Cache) Walks() int { return int(c.walks.Load()) }

// Context returns the build context rooted at dir for the Dockerfile dockerfileName, as Scan
// does.
func (c *Cache) Context(dir, dockerfileName string) (*Context, error) {
	base, err := load(&c.mu, &c.dirs, dir, func() (*Context, error) {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("%s: not a directory", dir)
		}
		c.walks.Add(1)
		return walk(dir)
	})
	if err != nil {
		return nil, err
	}
	names, paths := ignoreCandidates(dir, dockerfileName)
	for i, full := range paths {
		ig, err := load(&c.mu, &c.ignores, full, func() (ignoreFile, error) {
			pats, found, err := readIgnore(full)
			return ignoreFile{pats, found}, err
		})
		if err != nil {
			return nil, err
		}
		if !ig.found {
			continue
		}
		return base.WithIgnore(names[i], ig.patterns)
	}
	return base, nil
}

type sharedFacts struct {
	mu sync.Mutex
	m  map[string]*cached[any]
	// files are the contents ReadFile read, up to maxCachedFileBytes each
	filesMu sync.Mutex
	files   map[string]*cached[[]byte]
}

// Shared returns f(), computed once for all the Contexts of one directory walk (the
// Dockerfiles of a directory, under any ignore file), and kept under key. f must depend only
// on Dir and the entries (Entries, Exists, Entry, Glob...), never on the ignore file, the
// Dockerfile or anything else; the value it returns is shared between goroutines and must
// not be modified. Rules use it for facts that cost a pass over every entry.
func (c *Context) Shared(key string, f func() any) any {
	if c.shared == nil {
		return f()
	}
	v, _ := load(&c.shared.mu, &c.shared.m, key, func() (any, error) { return f(), nil })
	return v
}
