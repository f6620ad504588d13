package report

import (
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/docker/go-units"

	"github.com/dockopt/dockopt/cis"
	"github.com/dockopt/dockopt/measure"
)

// HTML writes the measured report as one self-contained HTML file: inline CSS, an inline SVG
// bar chart of the layer sizes of both images (each bar labelled with the instruction that
// made the layer), the figures, verdicts and base images; no scripts, fonts or images are
// fetched. in may have a nil Opt (then the optimizations are not listed).
func HTML(w io.Writer, in *Input, m *measure.Result) error {
	data := htmlData{M: m, In: in, EngineLine: EngineLine(m), How: HowMeasured(m), Hardened: hardenedView(m), Platforms: platformRows(m)}
	if in != nil {
		data.CIS = cisView(in.CIS)
		data.Title = filepath.Base(in.Dir)
		data.OptimizedName = filepath.Base(in.OutDockerfile)
		if in.Opt != nil {
			data.SupplyChain = supplyChainViewOf(in, in.Opt.Dockerfile, serviceName(in.Dir))
		}
	}
	for _, f := range m.Figures {
		data.Rows = append(data.Rows, htmlRow{Name: f.Name, Original: FormatFigure(f.Unit, f.Original),
			Optimized: FormatFigure(f.Unit, f.Optimized), Change: figureChange(f),
			Better: f.ChangePercent != nil && *f.ChangePercent < 0})
	}
	for _, b := range m.Bases {
		data.Bases = append(data.Bases, htmlBase{Base: b, IDText: baseID(b), StandIn: strings.NewReplacer("*", "", "`", "").Replace(standIn(b))})
	}
	data.SizeChart = template.HTML(SizeChartSVG(m))
	data.LayerChart = template.HTML(LayerChartSVG(m))
	return htmlTmpl().Execute(w, data)
}

type htmlData struct {
	Title string
	// OptimizedName is the optimized Dockerfile's file name (Dockerfile.optimized,
	// api.Dockerfile.optimized).
	OptimizedName string
	M             *measure.Result
	In            *Input
	EngineLine    string
	How           []string
	Rows          []htmlRow
	Bases         []htmlBase
	Hardened      *hardened
	Platforms     []platformRow
	SizeChart     template.HTML
	LayerChart    template.HTML
	CIS           *htmlCIS
	SupplyChain   *supplyChainView
}

// htmlCIS is the CIS Docker Benchmark section: one row an item, each side's verdict with the
// evidence behind it (the same facts as CISMarkdown).
type htmlCIS struct {
	Benchmark string
	Rows      []htmlCISRow
}

type htmlCISRow struct {
	Item                string
	Original, Optimized htmlCISSide
}

type htmlCISSide struct {
	Verdict  string
	Fail     bool
	Evidence []string
}

func cisView(c *CIS) *htmlCIS {
	if c == nil || c.Original == nil || c.Optimized == nil {
		return nil
	}
	side := func(r cis.Result) htmlCISSide {
		s := htmlCISSide{Verdict: string(r.Verdict), Fail: r.Verdict == cis.Fail}
		s.Evidence = append(s.Evidence, r.Why...)
		for _, e := range r.Evidence {
			if e.Where == "" {
				s.Evidence = append(s.Evidence, e.Check+": "+e.Detail)
			} else {
				s.Evidence = append(s.Evidence, e.Check+" `"+e.Where+"`: "+e.Detail)
			}
		}
		return s
	}
	v := &htmlCIS{Benchmark: cis.Benchmark}
	for i, o := range c.Original.Items {
		if i >= len(c.Optimized.Items) {
			break
		}
		v.Rows = append(v.Rows, htmlCISRow{Item: o.ID + " " + o.Title, Original: side(o), Optimized: side(c.Optimized.Items[i])})
	}
	return v
}

type htmlRow struct {
	Name, Original, Optimized, Change string
	Better                            bool
}

type htmlBase struct {
	measure.Base
	IDText, StandIn string
}

// inlineCode renders text written for the Markdown report in HTML: it is escaped, and each
// `backtick span` becomes <code>…</code>. Text with an unpaired backtick is only escaped.
func inlineCode(s string) template.HTML {
	var b strings.Builder
	for i, part := range codeSpans(s) {
		if i%2 == 1 {
			b.WriteString("<code>" + template.HTMLEscapeString(part) + "</code>")
		} else {
			b.WriteString(template.HTMLEscapeString(part))
		}
	}
	return template.HTML(b.String())
}

// codeSpans splits Markdown text at its backticks: even indexes are plain text, odd ones the
// insides of `code spans`. Text with an unpaired backtick is one plain part.
func codeSpans(s string) []string {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 {
		return []string{s}
	}
	return parts
}

// svgText escapes text for SVG (XML).
func svgText(s string) string { return template.HTMLEscapeString(s) }

const (
	chartWidth  = 980
	labelWidth  = 520
	barMaxWidth = 330
	rowHeight   = 18
)

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// SizeChartSVG is two bars: the image sizes.
func SizeChartSVG(m *measure.Result) string {
	o, p := float64(m.Original.SizeBytes), float64(m.Optimized.SizeBytes)
	max := o
	if p > max {
		max = p
	}
	if max == 0 {
		max = 1
	}
	var b strings.Builder
	h := 2*28 + 10
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" aria-label="image size, original vs optimized">`, chartWidth, h)
	for i, v := range []struct {
		name string
		size float64
		cls  string
	}{{"original", o, "orig"}, {"optimized", p, "opt"}} {
		y := 5 + i*28
		wd := int(v.size / max * (chartWidth - 260))
		if wd < 1 {
			wd = 1
		}
		fmt.Fprintf(&b, `<text x="0" y="%d" class="lbl">%s</text>`, y+15, v.name)
		fmt.Fprintf(&b, `<rect x="100" y="%d" width="%d" height="20" class="%s"><title>%s: %d bytes</title></rect>`, y, wd, v.cls, v.name, int64(v.size))
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="val">%s</text>`, 100+wd+6, y+15, svgText(units.BytesSize(float64(v.size))))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// LayerChartSVG draws one horizontal bar per layer (uncompressed size as saved), original
// first then optimized, on one scale; each bar is labelled with the instruction that made the
// layer (from the image history), layers that come from a base image are marked and drawn
// lighter. Hovering shows the full instruction and the compressed size.
func LayerChartSVG(m *measure.Result) string {
	var max int64 = 1
	for _, im := range []*measure.Image{&m.Original, &m.Optimized} {
		for _, l := range im.Layers {
			if l.SizeBytes > max {
				max = l.SizeBytes
			}
		}
	}
	rows := 0
	for _, im := range []*measure.Image{&m.Original, &m.Optimized} {
		rows += 2 + len(im.Layers)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" aria-label="layer sizes, original vs optimized">`, chartWidth, rows*rowHeight+10)
	y := 0
	for _, side := range []struct {
		name string
		im   *measure.Image
		cls  string
	}{{"original", &m.Original, "orig"}, {"optimized", &m.Optimized, "opt"}} {
		y += rowHeight
		fmt.Fprintf(&b, `<text x="0" y="%d" class="head">%s — %d layers, %s (gzip %s)</text>`, y, side.name, len(side.im.Layers),
			svgText(units.BytesSize(float64(side.im.SizeBytes))), svgText(units.BytesSize(float64(side.im.CompressedSizeBytes))))
		for _, l := range side.im.Layers {
			y += rowHeight
			label := l.Instruction
			cls := side.cls
			if l.Base != "" {
				label = "[" + l.Base + "] " + label
				cls += " base"
			}
			wd := int(float64(l.SizeBytes) / float64(max) * barMaxWidth)
			if wd < 1 {
				wd = 1
			}
			title := fmt.Sprintf("%s\n%s uncompressed, %s gzip", label, units.BytesSize(float64(l.SizeBytes)), units.BytesSize(float64(l.CompressedSizeBytes)))
			fmt.Fprintf(&b, `<g><title>%s</title><text x="0" y="%d" class="lbl">%s</text>`, svgText(title), y, svgText(shorten(label, 78)))
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="%s"/>`, labelWidth, y-rowHeight+5, wd, rowHeight-4, cls)
			fmt.Fprintf(&b, `<text x="%d" y="%d" class="val">%s</text></g>`, labelWidth+wd+6, y, svgText(units.BytesSize(float64(l.SizeBytes))))
		}
		y += rowHeight / 2
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// htmlTmpl is parsed on first use, not at start-up of every command.
var htmlTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{"md": inlineCode}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dockopt measure{{with .Title}}: {{.}}{{end}}</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1020px; padding: 0 1rem; color: #1b1f24; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.better { color: #116329; font-weight: 600; } td.worse { color: #a40e26; }
.ok { color: #116329; font-weight: 600; } .no { color: #a40e26; font-weight: 600; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; }
svg text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11px; fill: #1b1f24; }
svg text.head { font-weight: 700; font-size: 12px; }
svg rect.orig { fill: #cf222e; } svg rect.opt { fill: #1a7f37; } svg rect.base { opacity: .45; }
.muted { color: #57606a; }
</style>
</head>
<body>
<h1>dockopt measure{{with .Title}}: {{.}}{{end}}</h1>
<p class="muted">{{md .EngineLine}}</p>
{{with .M.Failure}}<h2>Measure stopped</h2>
<p>It stopped after both images were built: the figures and verdicts below are what was measured before.</p>
<pre>{{.}}</pre>{{end}}
{{with .In}}{{if .Opt}}<p>Original: <code>{{.Dir}}/{{.DockerfileName}}</code> · optimized: <code>{{.OutDockerfile}}</code> · ecosystem: {{.Opt.Ecosystem}}</p>{{end}}{{end}}

<h2>Image size</h2>
{{.SizeChart}}

<h2>Figures</h2>
<table>
<tr><th>figure</th><th>original</th><th>optimized</th><th>change</th></tr>
{{range .Rows}}<tr><td>{{.Name}}</td><td class="num">{{.Original}}</td><td class="num">{{.Optimized}}</td><td class="num {{if .Better}}better{{end}}">{{.Change}}</td></tr>
{{end}}</table>
{{with .Platforms}}
<h2>Per platform</h2>
<table>
<tr><th>platform</th><th>original</th><th>optimized</th><th>run</th></tr>
{{range .}}<tr><td>{{md .Platform}}</td><td>{{md .Original}}</td><td>{{md .Optimized}}</td><td>{{md .Run}}</td></tr>
{{end}}</table>{{end}}

<h2>Verdicts</h2>
<table>
<tr><th>check</th><th>result</th><th>detail</th></tr>
{{range .M.Checks}}<tr><td>{{.Name}}</td><td>{{if .NotRun}}not run{{else if .Undecided}}no verdict{{else if .OK}}<span class="ok">yes</span>{{else}}<span class="no">no</span>{{end}}</td><td>{{md .Detail}}</td></tr>
{{end}}</table>

{{with .Hardened}}<h2>Run it hardened</h2>
<p>{{md .Intro}}</p>
<table>
<tr><th>option</th><th>CIS v1.6.0</th><th>works</th><th>evidence</th></tr>
{{range .Rows}}<tr><td>{{md .Flags}}</td><td>{{.CIS}}</td><td>{{if .OK}}<span class="ok">{{md .Works}}</span>{{else}}<span class="no">{{.Works}}</span>{{end}}</td><td>{{md .Evidence}}</td></tr>
{{end}}</table>
<p>{{md .Seccomp}}</p>
<p>{{md .Proven}}</p>
{{if .DockerRun}}<pre>{{.DockerRun}}</pre>
<pre>{{.Compose}}</pre>
<pre>{{.Kubernetes}}</pre>{{end}}{{end}}

{{with .CIS}}<h2>CIS Docker Benchmark</h2>
<p class="muted">Items of the {{.Benchmark}}. A pass names the checks that ran and found nothing; a failure names each finding; "not checked" says what was missing.</p>
<table>
<tr><th>item</th><th>original</th><th>optimized</th></tr>
{{range .Rows}}<tr><td>{{.Item}}</td>{{template "cisside" .Original}}{{template "cisside" .Optimized}}</tr>
{{end}}</table>{{end}}

{{with .SupplyChain}}<h2>Supply chain: pinning, signing, provenance</h2>
<ul>{{range .Bases}}<li>{{md .}}</li>{{end}}</ul>
<p>{{md .Pin}}</p>
{{with .PinCommands}}<pre>{{range .}}{{.}}
{{end}}</pre>{{end}}
<p>{{md .Sign}}</p>
<pre>{{range .SignCommands}}{{.}}
{{end}}</pre>{{end}}

<h2>Layers</h2>
<p class="muted">One bar per layer, uncompressed size as saved, both images on one scale. Labels are the instructions from each image's history; <code>[image]</code> marks layers that come from the final stage's base image (drawn lighter). Hover a bar for the full instruction and its gzip size.</p>
{{.LayerChart}}

<h2>Base images</h2>
<table>
<tr><th>image</th><th>used by</th><th>digest or ID</th><th>local stand-in</th></tr>
{{range .Bases}}<tr><td><code>{{.Ref}}</code></td><td>{{range $i, $u := .UsedBy}}{{if $i}}, {{end}}{{$u}}{{end}}</td><td>{{md .IDText}}</td><td>{{.StandIn}}{{with .StandInNote}}<br><span class="muted">{{md .}}</span>{{end}}</td></tr>
{{end}}</table>

<h2>How it was measured</h2>
<ul>{{range .How}}<li>{{md .}}</li>{{end}}</ul>
{{with .M.Notes}}<h2>Notes</h2><ul>{{range .}}<li>{{md .}}</li>{{end}}</ul>{{end}}
{{with .In}}{{with .Opt}}{{if .Changes}}<h2>Optimizations</h2><ol>{{range .Changes}}<li>{{md .Title}}</li>{{end}}</ol>{{end}}
<h2>{{$.OptimizedName}}</h2>
<pre>{{printf "%s" .Dockerfile}}</pre>{{end}}{{end}}
</body>
</html>
{{define "cisside"}}<td>{{if .Fail}}<span class="no">{{.Verdict}}</span>{{else if eq .Verdict "pass"}}<span class="ok">{{.Verdict}}</span>{{else}}{{.Verdict}}{{end}}{{with .Evidence}}<ul>{{range .}}<li class="muted">{{md .}}</li>{{end}}</ul>{{end}}</td>{{end}}
`))
})
