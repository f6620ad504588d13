package report

import (
	"fmt"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
)

// Sources of the supply-chain section's commands.
const (
	attestationsDocs = "https://docs.docker.com/build/metadata/attestations/"
	cosignSignDocs   = "https://docs.sigstore.dev/cosign/signing/signing_with_containers/"
	cosignVerifyDocs = "https://docs.sigstore.dev/cosign/verifying/verify/"
)

// BaseImage is one external image an optimized Dockerfile builds FROM.
type BaseImage struct {
	Ref string `json:"ref"`
	// PinnedByDigest is true when the reference carries @sha256:...: the build takes that
	// image and no other, whatever the tag points to later.
	PinnedByDigest bool `json:"pinned_by_digest"`
}

// SupplyChain is what the report says of pinning, signing and provenance. dockopt signs
// nothing and attaches no attestation: the section says which base images are pinned and
// gives the commands that would do the rest.
type SupplyChain struct {
	Bases []BaseImage `json:"bases"`
	// Unresolved counts FROM lines whose image depends on a build argument without a default.
	Unresolved int  `json:"unresolved,omitempty"`
	Signed     bool `json:"signed"`
	SBOM       bool `json:"sbom"`
	Provenance bool `json:"provenance"`
}

// supplyChainOf reads the optimized Dockerfile's base images (nil when it does not parse).
func supplyChainOf(src []byte) *SupplyChain {
	f, err := dockerfile.Parse("Dockerfile.optimized", src, dockerfile.Options{})
	if err != nil {
		return nil
	}
	sc := &SupplyChain{}
	seen := map[string]bool{}
	for _, st := range f.Stages {
		switch {
		case f.BaseStage(st) != nil:
			continue
		case st.BaseImage == "":
			sc.Unresolved++
			continue
		case strings.EqualFold(st.BaseImage, "scratch") || seen[st.BaseImage]:
			continue
		}
		seen[st.BaseImage] = true
		sc.Bases = append(sc.Bases, BaseImage{Ref: st.BaseImage, PinnedByDigest: dockerfile.ParseImageRef(st.BaseImage).Digest != ""})
	}
	return sc
}

// supplyChainView is the section's text, written once for the Markdown and the HTML report:
// inline Markdown (code spans only) in Bases and the two paragraphs, shell lines in the two
// command blocks.
type supplyChainView struct {
	Bases []string
	// Pin is the paragraph on what dockopt did not do, ending with how to pin; PinCommands
	// read each unpinned base image's digest (none when every base image is pinned).
	Pin         string
	PinCommands []string
	// Sign is the paragraph on attestations and signing; SignCommands its commands.
	Sign         string
	SignCommands []string
}

// supplyChainViewOf builds the section for this report (nil when the optimized Dockerfile
// does not parse). name is the service's name, used in the example tag.
func supplyChainViewOf(in *Input, src []byte, name string) *supplyChainView {
	sc := supplyChainOf(src)
	if sc == nil {
		return nil
	}
	v := &supplyChainView{}
	var unpinned []string
	for _, b := range sc.Bases {
		if b.PinnedByDigest {
			v.Bases = append(v.Bases, fmt.Sprintf("base image `%s`: pinned by digest.", b.Ref))
		} else {
			v.Bases = append(v.Bases, fmt.Sprintf("base image `%s`: not pinned by digest — each build takes what the tag points to then.", b.Ref))
			unpinned = append(unpinned, b.Ref)
		}
	}
	if sc.Unresolved > 0 {
		v.Bases = append(v.Bases, fmt.Sprintf("%d FROM line(s) name their image through a build argument without a default: not checked.", sc.Unresolved))
	}
	if len(sc.Bases) == 0 && sc.Unresolved == 0 {
		v.Bases = append(v.Bases, "the image is built FROM scratch only: no base image to pin.")
	}
	v.Pin = "dockopt did not pin, sign or attest anything: the image is not signed and carries no SBOM or provenance."
	if len(unpinned) > 0 {
		v.Pin += fmt.Sprintf(" To pin, read each digest from the registry and write it after the tag (`FROM %s@sha256:<digest>`):", unpinned[0])
		for _, ref := range unpinned {
			v.PinCommands = append(v.PinCommands, fmt.Sprintf("docker buildx imagetools inspect %s    # its Digest: line", shellQuote(ref)))
		}
	}
	tag := "REGISTRY/" + sanitizeTag(name) + ":TAG"
	target := ""
	if in.Target != "" {
		target = " --target " + shellQuote(in.Target)
	}
	repo := strings.TrimSuffix(tag, ":TAG")
	v.Sign = fmt.Sprintf("An SBOM and provenance are attached by BuildKit when the image is pushed (the classic `docker` exporter and `--load` keep no attestations; %s), and the pushed digest is signed with cosign (keyless, through your OIDC identity; %s) and checked with `cosign verify` (%s):", attestationsDocs, cosignSignDocs, cosignVerifyDocs)
	v.SignCommands = []string{
		fmt.Sprintf("docker buildx build -f %s%s --sbom=true --provenance=mode=max -t %s --push %s", in.OutDockerfile, target, tag, in.Dir),
		fmt.Sprintf("docker buildx imagetools inspect %s --format '{{json .SBOM}}'    # the attached SBOM", tag),
		fmt.Sprintf("cosign sign --yes %s@sha256:<digest pushed>", repo),
		fmt.Sprintf("cosign verify %s@sha256:<digest pushed> --certificate-identity=<your identity> --certificate-oidc-issuer=<its issuer>", repo),
	}
	return v
}

// supplyChain writes the pinning of the base images and the commands that sign the image and
// attach an SBOM and provenance, none of which dockopt ran.
func (m *mdReport) supplyChain() {
	v := supplyChainViewOf(m.in, m.r.Dockerfile, m.name)
	if v == nil {
		return
	}
	p := m.p
	p("## Supply chain: pinning, signing, provenance\n\n")
	for _, b := range v.Bases {
		p("- %s\n", b)
	}
	p("\n%s", v.Pin)
	if len(v.PinCommands) > 0 {
		p("\n\n```sh\n%s\n```\n\n", strings.Join(v.PinCommands, "\n"))
	} else {
		p("\n\n")
	}
	p("%s\n\n```sh\n%s\n```\n\n", v.Sign, strings.Join(v.SignCommands, "\n"))
}
