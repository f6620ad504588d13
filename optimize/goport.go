package optimize

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/dockopt/dockopt/buildctx"
	"github.com/dockopt/dockopt/internal/lazyre"
)

// goListenRe finds a Go server started on a literal address: http.ListenAndServe(":8000",
// ...), ListenAndServeTLS, or an http.Server's Addr field (https://pkg.go.dev/net/http).
var goListenRe = lazyre.New(`(?:ListenAndServe(?:TLS)?\(\s*|Addr:\s*)"[^"]*:(\d{1,5})"`)

// goListenPorts are the ports the context's Go sources listen on, by literal address, with
// the first file that names each.
func goListenPorts(ctx *buildctx.Context) map[int]string {
	ports := map[int]string{}
	eachSource(ctx, func(file string, data []byte) bool {
		if path.Ext(file) != ".go" || !strings.Contains(string(data), "ListenAndServe") && !strings.Contains(string(data), "Addr:") {
			return true
		}
		for _, m := range goListenRe.FindAllStringSubmatch(string(data), -1) {
			if n, err := strconv.Atoi(m[1]); err == nil && n > 0 && n < 65536 {
				if _, ok := ports[n]; !ok {
					ports[n] = file
				}
			}
		}
		return true
	})
	return ports
}

// goPortNote says when the port the Dockerfile EXPOSEs is not one the Go source listens on
// by a literal address, while the source names exactly one ("" otherwise): measure's probes
// and the migration snippet use the EXPOSEd port.
func goPortNote(ctx *buildctx.Context, exposed int) string {
	ports := goListenPorts(ctx)
	if exposed == 0 || len(ports) != 1 {
		return ""
	}
	for port, file := range ports {
		if port != exposed {
			return fmt.Sprintf("the Dockerfile EXPOSEs %d, but %s listens on :%d: the optimized file keeps EXPOSE %d, and `dockopt measure` (without --port) and the migration snippet use that port; fix the EXPOSE (or pass --port %d to measure)", exposed, file, port, exposed, port)
		}
	}
	return ""
}
