package app

import (
	"context"
	"sync"
	"time"

	"github.com/dockopt/dockopt/engine"
	"github.com/dockopt/dockopt/optimize"
)

// engineImageFiles reads files of local images through the container engine for
// `optimize --runtime distroless` (optimize.ImageFiles), connecting on first use: a run that
// needs no library never looks for an engine. Close removes the containers it created.
type engineImageFiles struct {
	once   sync.Once
	eng    *engine.Engine
	files  *engine.ImageFiles
	err    error
	cancel context.CancelFunc
}

// imageFilesTimeout bounds the docker commands of one optimize run.
const imageFilesTimeout = 5 * time.Minute

func (l *engineImageFiles) ReadFile(image, p string) ([]byte, error) {
	l.once.Do(func() {
		var ctx context.Context
		ctx, l.cancel = context.WithTimeout(context.Background(), imageFilesTimeout)
		l.eng, l.err = engine.New(ctx, engine.Options{})
		if l.err == nil {
			l.files = l.eng.ImageFiles(ctx)
		}
	})
	if l.err != nil {
		return nil, l.err
	}
	return l.files.ReadFile(image, p)
}

// orNil returns l as an optimize.ImageFiles, nil when l is nil (no engine wanted).
func (l *engineImageFiles) orNil() optimize.ImageFiles {
	if l == nil {
		return nil
	}
	return l
}

// Close removes what the engine created; safe on nil.
func (l *engineImageFiles) Close() {
	if l == nil {
		return
	}
	if l.eng != nil {
		_ = l.eng.Cleanup()
	}
	if l.cancel != nil {
		l.cancel()
	}
}
