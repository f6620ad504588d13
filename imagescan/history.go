package imagescan

import (
	"strconv"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

type histInfo struct {
	instruction, createdBy, comment string
	// argSecrets are the build arguments of the entry whose name or value looks like a
	// secret; their values are redacted in createdBy.
	argSecrets []ArgSecret
}

// matchHistory pairs the config history with the layers: entries marked empty_layer (ENV,
// CMD, WORKDIR of an existing directory...) made no layer; every other entry made the next
// layer, in order. It reports whether the counts agree; when they do not, the entries are
// still assigned in order as far as they go.
func matchHistory(history []v1.History, layers int) ([]histInfo, bool) {
	var out []histInfo
	for _, h := range history {
		if h.EmptyLayer {
			continue
		}
		createdBy, secrets := redactBuildArgs(h.CreatedBy)
		for i := range secrets {
			secrets[i].Layer = len(out)
		}
		out = append(out, histInfo{instruction: Instruction(h.CreatedBy), createdBy: createdBy, comment: h.Comment, argSecrets: secrets})
	}
	matched := len(out) == layers
	if len(out) > layers {
		out = out[:layers]
	}
	return out, matched
}

// Instruction turns a history created_by into the Dockerfile instruction it records:
//
//	/bin/sh -c #(nop)  CMD ["app"]          → CMD ["app"]
//	/bin/sh -c apt-get update               → RUN apt-get update
//	|2 A=1 B=2 /bin/sh -c make              → RUN make
//	RUN /bin/sh -c make # buildkit          → RUN make
//	COPY . /app # buildkit                  → COPY . /app
func Instruction(createdBy string) string {
	s := strings.TrimSpace(createdBy)
	s = strings.TrimSpace(strings.TrimSuffix(s, "# buildkit"))
	run := false
	if rest, ok := strings.CutPrefix(s, "RUN "); ok {
		run, s = true, strings.TrimSpace(rest)
	}
	if _, rest, ok := splitBuildArgs(s); ok {
		run, s = true, strings.TrimSpace(rest)
	}
	for _, sh := range []string{"/bin/sh -c ", "/bin/bash -c ", "cmd /S /C ", "/bin/sh -o pipefail -c ", "/bin/bash -o pipefail -c "} {
		if rest, ok := strings.CutPrefix(s, sh); ok {
			rest = strings.TrimSpace(rest)
			if nop, ok := strings.CutPrefix(rest, "#(nop)"); ok {
				return strings.TrimSpace(nop)
			}
			return "RUN " + rest
		}
	}
	if run {
		return "RUN " + s
	}
	return s
}

// redactBuildArgs finds the build arguments a RUN entry records ("|N K1=V1 ... KN=VN cmd",
// with or without BuildKit's "RUN " prefix; `docker history` shows them to anyone who can
// pull the image) and replaces the value of each one whose name or value looks like a secret
// (the same test as ENV entries) with <redacted>. It returns the entry and those arguments,
// names only; Layer is left for the caller.
func redactBuildArgs(createdBy string) (string, []ArgSecret) {
	prefix, s := "", createdBy
	if rest, ok := strings.CutPrefix(s, "RUN "); ok {
		prefix, s = "RUN ", rest
	}
	words, rest, ok := splitBuildArgs(s)
	if !ok {
		return createdBy, nil
	}
	var secrets []ArgSecret
	for i, word := range words {
		if k, v, ok := strings.Cut(word, "="); ok {
			if reason := envSecretReason(k, v); reason != "" {
				secrets = append(secrets, ArgSecret{Name: k, Reason: reason})
				words[i] = k + "=<redacted>"
			}
		}
	}
	if len(secrets) == 0 {
		return createdBy, nil
	}
	return prefix + "|" + strconv.Itoa(len(words)) + " " + strings.Join(words, " ") + " " + rest, secrets
}

// splitBuildArgs splits the build arguments that the classic builder and BuildKit record
// before a RUN's command ("|N K1=V1 ... KN=VN command") from the command; ok is false when s
// does not start that way.
func splitBuildArgs(s string) (words []string, rest string, ok bool) {
	count, rest, found := strings.Cut(strings.TrimPrefix(s, "|"), " ")
	n, err := strconv.Atoi(count)
	if !strings.HasPrefix(s, "|") || !found || err != nil || n < 0 {
		return nil, s, false
	}
	for i := 0; i < n; i++ {
		word, after, more := strings.Cut(rest, " ")
		words = append(words, word)
		rest = after
		if !more {
			rest = ""
			break
		}
	}
	return words, rest, true
}

// Label is a layer's label for people: the instruction its history entry records (see
// Instruction) with runs of white space (continuation lines included) made one space; else
// its history comment in parentheses (`docker import` writes "Imported from -"); else
// "(no history)". Build-argument values are never in it.
func Label(createdBy, comment string) string {
	in := strings.ReplaceAll(Instruction(createdBy), "\\\n", " ")
	if in := strings.Join(strings.Fields(in), " "); in != "" {
		return in
	}
	if c := strings.Join(strings.Fields(comment), " "); c != "" {
		return "(" + c + ")"
	}
	return "(no history)"
}
