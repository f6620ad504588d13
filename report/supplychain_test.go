package report

import (
	"strings"
	"testing"

	"github.com/dockopt/dockopt/optimize"
)

// The supply-chain section says which of the optimized Dockerfile's base images are pinned by
// digest (a pinned one is carried over as written, an unpinned one gets the command that
// reads its digest) and never that anything was signed or attested.
func TestSupplyChainSection(t *testing.T) {
	pinned := "golang:1.26@sha256:" + strings.Repeat("ab", 32)
	df := "FROM " + pinned + " AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n" +
		"FROM debian:12-slim\nCOPY --from=build /app /app\nUSER 10001\nCMD [\"/app\"]\n"
	md, res := optimizeReport(t, df, map[string]string{"go.mod": "module x\n\ngo 1.26\n", "main.go": "package main\nfunc main() {}\n"}, optimize.Options{})
	sc := supplyChainOf(res.Dockerfile)
	if sc == nil {
		t.Fatal("the optimized Dockerfile did not parse")
	}
	byRef := map[string]bool{}
	for _, b := range sc.Bases {
		byRef[b.Ref] = b.PinnedByDigest
	}
	if p, ok := byRef[pinned]; !ok || !p {
		t.Errorf("bases %+v: want %s, pinned", sc.Bases, pinned)
	}
	for _, want := range []string{"## Supply chain: pinning, signing, provenance", "`" + pinned + "`: pinned by digest",
		"the image is not signed and carries no SBOM or provenance", "--sbom=true --provenance=mode=max", "cosign sign --yes", "cosign verify"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for ref, p := range byRef {
		if !p && !strings.Contains(md, "docker buildx imagetools inspect '"+ref+"'") && !strings.Contains(md, "docker buildx imagetools inspect "+ref+"    # its Digest: line") {
			t.Errorf("no digest command for unpinned %s", ref)
		}
	}
	if sc.Signed || sc.SBOM || sc.Provenance {
		t.Errorf("claims something was done: %+v", sc)
	}
}
