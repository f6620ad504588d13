"""Copies BuildKit's Dockerfile front-end packages into third_party/buildkit and applies
dockopt's edits (third_party/README.md). Run from anywhere with python3; it reads the BuildKit
release that go.mod requires from the module cache (go mod download), replaces
third_party/buildkit and gofmts it. Then run go test ./third_party/."""
import os,re,shutil,subprocess,json
HERE=os.path.dirname(os.path.abspath(__file__))
BK=json.loads(subprocess.run(['go','mod','download','-json','github.com/moby/buildkit'],cwd=HERE,check=True,capture_output=True,text=True).stdout)['Dir']
DST=os.path.join(HERE,'buildkit')
OURS='github.com/dockopt/dockopt/third_party/buildkit/'
pkgs={'frontend/dockerfile/parser':None,'frontend/dockerfile/instructions':None,'frontend/dockerfile/linter':None,
      'frontend/dockerfile/dfgitutil':None,'util/gitutil':None,'util/sshutil':['keyscan.go']}
copied=['frontend/dockerfile/parser','frontend/dockerfile/linter','util/gitutil','util/sshutil']
MC=' // dockopt: copied package'
ML=' // dockopt: compiled on first use'
MS=' // dockopt: no stack traces'
if os.path.exists(DST): shutil.rmtree(DST)
for p,skip in pkgs.items():
    os.makedirs(f'{DST}/{p}')
    for fn in sorted(os.listdir(f'{BK}/{p}')):
        if not fn.endswith('.go') or fn.endswith('_test.go') or (skip and fn in skip): continue
        s=open(f'{BK}/{p}/{fn}').read()
        for c in copied:
            s=re.sub(r'^(\s*(?:\w+ )?)"github.com/moby/buildkit/'+re.escape(c)+r'"$', lambda m: m.group(1)+'"'+OURS+c+'"'+MC, s, flags=re.M)
        open(f'{DST}/{p}/{fn}','w').write(s)
shutil.copy(f'{BK}/LICENSE', f'{DST}/LICENSE')

# lazy regexps and errors.go
def patch(path, pairs, imports_add=None):
    s=open(f'{DST}/{path}').read()
    for old,new in pairs:
        assert old in s, (path, old)
        s=s.replace(old,new)
    open(f'{DST}/{path}','w').write(s)

lazy = lambda name, expr: (f'{name} = regexp.MustCompile({expr})', f'{name} = sync.OnceValue(func() *regexp.Regexp {{ return regexp.MustCompile({expr}) }}){ML}')
patch('frontend/dockerfile/parser/parser.go', [
    ('	reWhitespace  = regexp.MustCompile(`[\\t\\v\\f\\r ]+`)\n', '	reWhitespace  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[\\t\\v\\f\\r ]+`) })'+ML+'\n'),
    ('	reHeredoc     = regexp.MustCompile(`^(\\d*)<<(-?)\\s*([^<]*)$`)\n', '	reHeredoc     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\\d*)<<(-?)\\s*([^<]*)$`) })'+ML+'\n'),
    ('	reLeadingTabs = regexp.MustCompile(`(?m)^\\t+`)\n', '	reLeadingTabs = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^\\t+`) })'+ML+'\n'),
    ('	return heredocFromMatch(reHeredoc.FindStringSubmatch(src))\n', '	return heredocFromMatch(reHeredoc().FindStringSubmatch(src))'+ML+'\n'),
    ('	return reLeadingTabs.ReplaceAllString(src, "")\n', '	return reLeadingTabs().ReplaceAllString(src, "")'+ML+'\n'),
])
patch('frontend/dockerfile/parser/line_parsers.go', [
    ('		parts := reWhitespace.Split(rest, 2)\n', '		parts := reWhitespace().Split(rest, 2)'+ML+'\n'),
    ('	for _, str := range reWhitespace.Split(rest, -1) { // use regexp\n', '	for _, str := range reWhitespace().Split(rest, -1) { // use regexp'+ML+'\n'),
])
patch('frontend/dockerfile/parser/split_command.go', [
    ('	cmdline := reWhitespace.Split(strings.TrimSpace(line), 2)\n', '	cmdline := reWhitespace().Split(strings.TrimSpace(line), 2)'+ML+'\n'),
])
patch('frontend/dockerfile/instructions/parse.go', [
    ('var validStageName = regexp.MustCompile("^[a-z][a-z0-9-_.]*$")\n', 'var validStageName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("^[a-z][a-z0-9-_.]*$") })'+ML+'\n'),
    ('		if !validStageName.MatchString(stageName) {\n', '		if !validStageName().MatchString(stageName) {'+ML+'\n'),
])
patch('util/gitutil/git_url.go', [
    ('var protoRegexp = regexp.MustCompile(`^[a-zA-Z0-9]+://`)\n', 'var protoRegexp = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-zA-Z0-9]+://`) })'+ML+'\n'),
    ('	if proto := protoRegexp.FindString(remote); proto != "" {\n', '	if proto := protoRegexp().FindString(remote); proto != "" {'+ML+'\n'),
])
patch('util/sshutil/scpurl.go', [
    ('var gitSSHRegex = regexp.MustCompile(`^([a-zA-Z0-9-_]+)@([a-zA-Z0-9-.]+):(.*?)(?:\\?(.*?))?(?:#(.*))?$`)\n', 'var gitSSHRegex = sync.OnceValue(func() *regexp.Regexp {'+ML+'\n\treturn regexp.MustCompile(`^([a-zA-Z0-9-_]+)@([a-zA-Z0-9-.]+):(.*?)(?:\\?(.*?))?(?:#(.*))?$`)'+ML+'\n})'+ML+'\n'),
    ('	return gitSSHRegex.MatchString(s)\n', '	return gitSSHRegex().MatchString(s)'+ML+'\n'),
    ('	matches := gitSSHRegex.FindStringSubmatch(raw)\n', '	matches := gitSSHRegex().FindStringSubmatch(raw)'+ML+'\n'),
])
patch('frontend/dockerfile/parser/errors.go', [
    ('	"github.com/moby/buildkit/util/stack"\n', ''),
    ('	return stack.Enable(&LocationError{\n', '	return &LocationError{'+MS+'\n'),
    ('		Locations: [][]Range{location},\n	})\n', '		Locations: [][]Range{location},\n	}'+MS+'\n'),
])
for path, after in [('frontend/dockerfile/parser/parser.go','	"strings"\n'),('frontend/dockerfile/instructions/parse.go','	"strings"\n'),
                    ('util/gitutil/git_url.go','	"strings"\n'),('util/sshutil/scpurl.go','	"regexp"\n')]:
    patch(path, [(after, after+'	"sync"'+ML+'\n')])
subprocess.run(['gofmt','-w',DST],check=True)
