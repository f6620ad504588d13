package report

import (
	"bytes"
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

// The HTML report carries the same supply-chain section as the Markdown one: the pinning of
// each base image, and the commands, none of them claimed as done.
func TestSupplyChainHTML(t *testing.T) {
	df := "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n" +
		"FROM debian:12-slim\nCOPY --from=build /app /app\nUSER 10001\nCMD [\"/app\"]\n"
	md, res := optimizeReport(t, df, map[string]string{"go.mod": "module x\n\ngo 1.26\n", "main.go": "package main\nfunc main() {}\n"}, optimize.Options{})
	var buf bytes.Buffer
	in := &Input{Dir: "svc", DockerfileName: "Dockerfile", OutDockerfile: "Dockerfile.optimized", Opt: res}
	if err := HTML(&buf, in, sampleMeasurement()); err != nil {
		t.Fatal(err)
	}
	h := buf.String()
	v := supplyChainViewOf(in, res.Dockerfile, "svc")
	if v == nil || len(v.PinCommands) == 0 || len(v.SignCommands) != 4 {
		t.Fatalf("view %+v: want a digest command per unpinned base image and the four signing commands", v)
	}
	for _, want := range []string{"<h2>Supply chain: pinning, signing, provenance</h2>",
		"<li>base image <code>debian:12-slim</code>: not pinned by digest",
		"the image is not signed and carries no SBOM or provenance",
		"docker buildx imagetools inspect debian:12-slim    # its Digest: line",
		"--sbom=true --provenance=mode=max -t REGISTRY/svc:TAG --push svc", "cosign verify REGISTRY/svc@sha256:"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	// the section as the Markdown report writes it, for a service named svc
	var sec bytes.Buffer
	(&mdReport{w: &sec, in: in, r: res, name: "svc"}).supplyChain()
	checkGolden(t, "testdata/supplychain.golden.md", sec.String())
	// the digest commands are the Markdown report's too (its signing commands name its own
	// directory)
	for _, c := range v.PinCommands {
		if !strings.Contains(md, c) {
			t.Errorf("the Markdown report lacks %q", c)
		}
	}
}
