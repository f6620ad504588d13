package compose

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
)

var bakeSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "target", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
}}

type bakeTarget struct {
	name  string
	line  int
	attrs hcl.Attributes
}

// LoadBake reads a bake file (HCL, or JSON when the name ends in .json) with the HCL library:
// its targets' context, dockerfile, target, args and inherits. Variables take their default,
// or the environment's value as bake does; an attribute that needs a function or an unknown
// variable is an error naming its line. Targets whose context is remote or another target
// (target:name) are left out.
func LoadBake(path string) ([]Build, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: describe(err)}
	}
	vars, targets, err := readBakeBlocks(path, data)
	if err != nil {
		return nil, err
	}
	ctx := &hcl.EvalContext{Variables: vars}
	dir := filepath.Dir(mustAbs(path))
	var out []Build
	for _, t := range targets {
		b, err := bakeBuild(path, dir, ctx, targets, t)
		if err != nil {
			return nil, err
		}
		if b != nil {
			out = append(out, *b)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// readBakeBlocks parses the bake file (HCL, or JSON for a .json name) into its variables
// (defaults, overridden by the environment) and targets.
func readBakeBlocks(path string, data []byte) (map[string]cty.Value, map[string]*bakeTarget, error) {
	var file *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		file, diags = hcljson.Parse(data, path)
	} else {
		file, diags = hclsyntax.ParseConfig(data, path, hcl.InitialPos)
	}
	if diags.HasErrors() {
		return nil, nil, hclError(path, diags)
	}
	content, _, diags := file.Body.PartialContent(bakeSchema)
	if diags.HasErrors() {
		return nil, nil, hclError(path, diags)
	}
	vars := map[string]cty.Value{}
	targets := map[string]*bakeTarget{}
	for _, b := range content.Blocks {
		name := b.Labels[0]
		attrs, diags := b.Body.JustAttributes()
		if diags.HasErrors() {
			return nil, nil, hclError(path, diags)
		}
		switch b.Type {
		case "variable":
			v := cty.StringVal("")
			if a, ok := attrs["default"]; ok {
				if dv, diags := a.Expr.Value(nil); !diags.HasErrors() {
					v = dv
				}
			}
			if env, ok := os.LookupEnv(name); ok {
				v = cty.StringVal(env)
			}
			vars[name] = v
		case "target":
			targets[name] = &bakeTarget{name: name, line: b.DefRange.Start.Line, attrs: attrs}
		}
	}
	return vars, targets, nil
}

// bakeBuild is the build a target describes, nil for one whose context is remote or
// another target's.
func bakeBuild(path, dir string, ctx *hcl.EvalContext, targets map[string]*bakeTarget, t *bakeTarget) (*Build, error) {
	get := func(key string) (cty.Value, *Error) { return bakeAttr(path, ctx, targets, t, key, 0) }
	str := func(key string) (string, *Error) {
		v, e := get(key)
		if e != nil || v.IsNull() {
			return "", e
		}
		if v.Type() != cty.String || !v.IsKnown() {
			return "", &Error{File: path, Line: t.attrs[key].Range.Start.Line, Column: t.attrs[key].Range.Start.Column, Msg: "target " + t.name + ": " + key + " is not a string"}
		}
		return v.AsString(), nil
	}
	c, e1 := str("context")
	df, e2 := str("dockerfile")
	tg, e3 := str("target")
	for _, e := range []*Error{e1, e2, e3} {
		if e != nil {
			return nil, e
		}
	}
	if isRemote(c) || strings.HasPrefix(c, "target:") {
		return nil, nil
	}
	if c == "" {
		c = "."
	}
	if !filepath.IsAbs(c) {
		c = filepath.Join(dir, c)
	}
	if df == "" {
		df = "Dockerfile"
	}
	if !filepath.IsAbs(df) {
		df = filepath.Join(c, df)
	}
	args := map[string]string{}
	if v, e := get("args"); e == nil && !v.IsNull() && (v.Type().IsObjectType() || v.Type().IsMapType()) {
		for k, av := range v.AsValueMap() {
			if av.IsKnown() && !av.IsNull() && av.Type() == cty.String {
				args[k] = av.AsString()
			}
		}
	}
	return &Build{Kind: "bake target", Name: t.name, File: path, Line: t.line,
		Context: filepath.Clean(c), Dockerfile: filepath.Clean(df), Target: tg, Args: args}, nil
}

// bakeAttr evaluates a target's attribute, looking through the targets it inherits (the last
// one listed wins, as in bake) when it does not set it; cty.NilVal when none does.
func bakeAttr(path string, ctx *hcl.EvalContext, targets map[string]*bakeTarget, t *bakeTarget, key string, depth int) (cty.Value, *Error) {
	if depth > 32 {
		return cty.NilVal, &Error{File: path, Line: t.line, Msg: "target " + t.name + ": inherits form a cycle"}
	}
	if a, ok := t.attrs[key]; ok {
		v, diags := a.Expr.Value(ctx)
		if diags.HasErrors() {
			return cty.NilVal, hclError(path, diags)
		}
		return v, nil
	}
	a, ok := t.attrs["inherits"]
	if !ok {
		return cty.NullVal(cty.String), nil
	}
	v, diags := a.Expr.Value(ctx)
	if diags.HasErrors() {
		return cty.NilVal, hclError(path, diags)
	}
	if !v.CanIterateElements() {
		return cty.NilVal, &Error{File: path, Line: a.Range.Start.Line, Column: a.Range.Start.Column, Msg: "target " + t.name + ": inherits is not a list"}
	}
	parents := v.AsValueSlice()
	for i := len(parents) - 1; i >= 0; i-- {
		p := parents[i]
		if p.Type() != cty.String || !p.IsKnown() {
			continue
		}
		parent, ok := targets[p.AsString()]
		if !ok {
			return cty.NilVal, &Error{File: path, Line: a.Range.Start.Line, Column: a.Range.Start.Column, Msg: "target " + t.name + " inherits " + p.AsString() + ", which is not a target"}
		}
		pv, err := bakeAttr(path, ctx, targets, parent, key, depth+1)
		if err != nil {
			return cty.NilVal, err
		}
		if !pv.IsNull() {
			return pv, nil
		}
	}
	return cty.NullVal(cty.String), nil
}

func hclError(path string, diags hcl.Diagnostics) *Error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		e := &Error{File: path, Msg: d.Summary}
		if d.Detail != "" {
			e.Msg += ": " + d.Detail
		}
		if d.Subject != nil {
			e.Line, e.Column = d.Subject.Start.Line, d.Subject.Start.Column
		}
		return e
	}
	return &Error{File: path, Msg: diags.Error()}
}
