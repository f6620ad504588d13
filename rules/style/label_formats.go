package style

import (
	"net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/github/go-spdx/v2/spdxexp"

	"github.com/dockopt/dockopt/internal/lazyre"
)

// The value formats of a label schema (hadolint's label-schema types,
// https://github.com/hadolint/hadolint#linting-labels). LabelFormats lists them for the
// configuration, which rejects any other.
const (
	FormatText    = "text"
	FormatURL     = "url"
	FormatSemver  = "semver"
	FormatHash    = "hash"
	FormatRFC3339 = "rfc3339"
	FormatSPDX    = "spdx"
	FormatEmail   = "email"
)

// LabelFormats are the formats a label schema may name ("" means text, as in hadolint).
var LabelFormats = []string{FormatText, FormatURL, FormatSemver, FormatHash, FormatRFC3339, FormatSPDX, FormatEmail}

// uriChars are the characters RFC 3986 allows in a URI (unreserved, reserved and %).
var uriChars = lazyre.New(`^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$`)

// isURL reports whether v is an absolute URI (RFC 3986: a scheme, then the rest), as
// hadolint's DL3052 requires: "http://example.com" and "mailto:a@example.com" are, "not-url"
// and "example.com" are not.
func isURL(v string) bool {
	if !uriChars.MatchString(v) {
		return false
	}
	u, err := url.Parse(v)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "" || u.Path != "")
}

// semverRe is the regular expression semver.org gives for Semantic Versioning 2.0.0
// (https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string):
// MAJOR.MINOR.PATCH without leading zeros, an optional -pre-release and +build metadata.
var semverRe = lazyre.New(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// isSemver reports whether v is a semantic version: "1.0.0", "2.0.1-rc1"; not "v1.0.0" or "1.0".
func isSemver(v string) bool { return semverRe.MatchString(v) }

// gitHashRe is a git commit hash as hadolint's DL3055 accepts it: 7 (short) or 40 (SHA-1)
// lower-case hexadecimal digits.
var gitHashRe = lazyre.New(`^([0-9a-f]{7}|[0-9a-f]{40})$`)

func isGitHash(v string) bool { return gitHashRe.MatchString(v) }

// isRFC3339 reports whether v is an RFC 3339 date-time: "2021-03-10T10:26:33.564595127+01:00".
func isRFC3339(v string) bool {
	_, err := time.Parse(time.RFC3339Nano, v)
	return err == nil
}

// isSPDX reports whether v is an SPDX license identifier or expression ("MIT",
// "Apache-2.0 OR MIT", "GPL-2.0-only WITH Classpath-exception-2.0"), checked against the
// SPDX License List that github.com/github/go-spdx carries.
func isSPDX(v string) bool {
	ok, _ := spdxexp.ValidateLicenses([]string{v})
	return ok
}

// isEmail reports whether v is an RFC 5322 address (addr-spec: "ops@example.com"), not a
// display name with an address ("Ops <ops@example.com>").
func isEmail(v string) bool {
	a, err := mail.ParseAddress(v)
	return err == nil && a.Name == "" && a.Address == v && !strings.ContainsAny(v, "<>")
}

// labelFormatOK reports whether a value has a format; text accepts anything.
func labelFormatOK(format, v string) bool {
	switch format {
	case FormatURL:
		return isURL(v)
	case FormatSemver:
		return isSemver(v)
	case FormatHash:
		return isGitHash(v)
	case FormatRFC3339:
		return isRFC3339(v)
	case FormatSPDX:
		return isSPDX(v)
	case FormatEmail:
		return isEmail(v)
	}
	return true
}
