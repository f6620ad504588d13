package optimize

import (
	"strings"
	"testing"
)

// Every instruction an optimization's After snippet quotes is in the file written, whatever
// pass ran after the recipe that wrote the change: cache mounts rewrite the installs, and
// --runtime distroless the runtime stage's FROM and USER. A change that named the slim base
// image or the image's own user says what the file holds instead.
func TestAfterQuotesTheFile(t *testing.T) {
	for _, ex := range []string{"forecastin-api", "node-api", "go-api"} {
		for _, opt := range []Options{{}, {NoCacheMounts: true}, {Runtime: "distroless"}} {
			res, _ := optimizeExample(t, ex, opt)
			out := string(res.Dockerfile)
			moved := strings.Contains(out, "FROM gcr.io/distroless/") // else kept slim, with a note
			for _, c := range res.Changes {
				for _, line := range strings.Split(c.After, "\n") {
					if isInstructionLine(line) && !strings.Contains(line, "...") && !strings.Contains(out, line) {
						t.Errorf("%s %+v: change %q quotes %q, which the file does not hold:\n%s", ex, opt, c.Title, line, out)
					}
				}
				if moved && strings.Contains(c.Why, "-slim and") {
					t.Errorf("%s distroless: change %q still says the runtime is a slim image: %s", ex, c.Title, c.Why)
				}
			}
		}
	}
}
