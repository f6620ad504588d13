package report

import (
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

// supplyChain writes the pinning of the base images and the commands that sign the image and
// attach an SBOM and provenance, none of which dockopt ran.
func (m *mdReport) supplyChain() {
	sc := supplyChainOf(m.r.Dockerfile)
	if sc == nil {
		return
	}
	p := m.p
	p("## Supply chain: pinning, signing, provenance\n\n")
	var unpinned []string
	for _, b := range sc.Bases {
		if b.PinnedByDigest {
			p("- base image `%s`: pinned by digest.\n", b.Ref)
		} else {
			p("- base image `%s`: not pinned by digest — each build takes what the tag points to then.\n", b.Ref)
			unpinned = append(unpinned, b.Ref)
		}
	}
	if sc.Unresolved > 0 {
		p("- %d FROM line(s) name their image through a build argument without a default: not checked.\n", sc.Unresolved)
	}
	if len(sc.Bases) == 0 && sc.Unresolved == 0 {
		p("- the image is built FROM scratch only: no base image to pin.\n")
	}
	p("\ndockopt did not pin, sign or attest anything: the image is not signed and carries no SBOM or provenance. ")
	if len(unpinned) > 0 {
		p("To pin, read each digest from the registry and write it after the tag (`FROM %s@sha256:<digest>`):\n\n```sh\n", unpinned[0])
		for _, ref := range unpinned {
			p("docker buildx imagetools inspect %s    # its Digest: line\n", shellQuote(ref))
		}
		p("```\n\n")
	} else {
		p("\n\n")
	}
	tag := "REGISTRY/" + sanitizeTag(m.name) + ":TAG"
	target := ""
	if m.in.Target != "" {
		target = " --target " + shellQuote(m.in.Target)
	}
	p("An SBOM and provenance are attached by BuildKit when the image is pushed (the classic `docker` exporter and `--load` keep no attestations; %s), and the pushed digest is signed with cosign (keyless, through your OIDC identity; %s) and checked with `cosign verify` (%s):\n\n", attestationsDocs, cosignSignDocs, cosignVerifyDocs)
	p("```sh\ndocker buildx build -f %s%s --sbom=true --provenance=mode=max -t %s --push %s\n", m.in.OutDockerfile, target, tag, m.in.Dir)
	p("docker buildx imagetools inspect %s --format '{{json .SBOM}}'    # the attached SBOM\n", tag)
	p("cosign sign --yes %s@sha256:<digest pushed>\n", strings.TrimSuffix(tag, ":TAG"))
	p("cosign verify %s@sha256:<digest pushed> --certificate-identity=<your identity> --certificate-oidc-issuer=<its issuer>\n```\n\n", strings.TrimSuffix(tag, ":TAG"))
}
