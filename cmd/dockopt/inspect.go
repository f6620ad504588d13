package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/docker/go-units"

	"github.com/spf13/cobra"

	"github.com/dockopt/dockopt/app"
	"github.com/dockopt/dockopt/imagescan"
	"github.com/dockopt/dockopt/output"
)

func init() { extraCommands = append(extraCommands, newInspectCmd) }

var inspectFormats = []string{"text", "json", "sarif"}

type inspectOptions struct {
	format        string
	tag           string
	platform      string
	maxSize       string
	minEfficiency string
	maxWasted     string
	files         bool
	top           int
	noEstimate    bool
	stdout        io.Writer
	stderr        io.Writer
}

func newInspectCmd() *cobra.Command {
	o := &inspectOptions{}
	cmd := &cobra.Command{
		Use:   "inspect IMAGE|TARBALL|OCI-LAYOUT",
		Short: "Analyze an image layer by layer: sizes, wasted bytes, caches, build tools, secrets, permissions",
		Long: `Analyze an image layer by layer. The argument is an OCI image layout directory, a
` + "`docker save`" + ` tarball (no daemon needed), or else an image name read from the Docker daemon.

For each layer: compressed and uncompressed size, the instruction that made it, and the
files it added, changed and removed. Findings: bytes wasted on file copies that a later
layer overwrites or deletes (each hidden copy counted once; the copy that stays is not
counted, unlike dive), the efficiency 1 - wasted/content bytes, package-manager caches,
compilers and build tools, setuid/setgid and world-writable files, files that look like
secrets (paths only), root user, missing HEALTHCHECK and secrets in ENV (names only).

CI gates exit 1 when they fail: --max-size compares the uncompressed size (the sum of
the layers' tar streams), --max-wasted the wasted bytes, --min-efficiency the efficiency.
Sizes accept bytes or units: 500MB, 1.2GiB, 300k (kB/MB/GB are powers of 1000; K/M/G,
KiB/MiB/GiB powers of 1024). Efficiency accepts 0-1 or a percentage (90%).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.stdout, o.stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runInspect(cmd.Context(), o, args[0])
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(inspectFormats, ", "))
	fl.StringVar(&o.tag, "tag", "", "image to read from a tarball or OCI layout holding several (default: the first)")
	fl.StringVar(&o.platform, "platform", "", "platform to read from a multi-platform OCI layout, os/arch[/variant]")
	fl.StringVar(&o.maxSize, "max-size", "", "fail (exit 1) when the uncompressed image size is larger, e.g. 500MB, 1.2GiB")
	fl.StringVar(&o.minEfficiency, "min-efficiency", "", "fail (exit 1) when the efficiency is lower, e.g. 0.95 or 95%")
	fl.StringVar(&o.maxWasted, "max-wasted", "", "fail (exit 1) when more bytes are wasted, e.g. 20MB")
	fl.BoolVar(&o.files, "files", false, "list every file each layer added, changed or removed (text and json)")
	fl.IntVar(&o.top, "top", 10, "how many of the largest wasted file copies the text output lists")
	fl.BoolVar(&o.noEstimate, "no-compressed-estimate", false, "do not gzip layers stored uncompressed to estimate their compressed size")
	return cmd
}

// gate is one CI threshold and its outcome.
type gate struct {
	Flag  string  `json:"flag"`
	Limit string  `json:"limit"`
	Value float64 `json:"value"`
	Pass  bool    `json:"pass"`
	// Message says what was compared, e.g. "uncompressed size 1.20 GiB > 500 MB".
	Message string `json:"message"`
}

type gates struct {
	maxSize, maxWasted int64
	minEfficiency      float64
	set                struct{ size, wasted, eff bool }
	raw                struct{ size, wasted, eff string }
}

func parseGates(o *inspectOptions) (*gates, error) {
	g := &gates{}
	var err error
	if o.maxSize != "" {
		if g.maxSize, err = parseSize(o.maxSize); err != nil {
			return nil, app.Inputf("--max-size: %v", err)
		}
		g.set.size, g.raw.size = true, o.maxSize
	}
	if o.maxWasted != "" {
		if g.maxWasted, err = parseSize(o.maxWasted); err != nil {
			return nil, app.Inputf("--max-wasted: %v", err)
		}
		g.set.wasted, g.raw.wasted = true, o.maxWasted
	}
	if o.minEfficiency != "" {
		if g.minEfficiency, err = parseEfficiency(o.minEfficiency); err != nil {
			return nil, app.Inputf("--min-efficiency: %v", err)
		}
		g.set.eff, g.raw.eff = true, o.minEfficiency
	}
	return g, nil
}

func (g *gates) check(rep *imagescan.Report) []gate {
	var out []gate
	if g.set.size {
		v := rep.UncompressedSizeBytes
		gt := gate{Flag: "--max-size", Limit: g.raw.size, Value: float64(v), Pass: v <= g.maxSize}
		gt.Message = fmt.Sprintf("uncompressed size %s %s %s", units.BytesSize(float64(v)), cmpSign(gt.Pass, "<=", ">"), g.raw.size)
		out = append(out, gt)
	}
	if g.set.wasted {
		v := rep.WastedBytes
		gt := gate{Flag: "--max-wasted", Limit: g.raw.wasted, Value: float64(v), Pass: v <= g.maxWasted}
		gt.Message = fmt.Sprintf("wasted %s %s %s", units.BytesSize(float64(v)), cmpSign(gt.Pass, "<=", ">"), g.raw.wasted)
		out = append(out, gt)
	}
	if g.set.eff {
		v := rep.Efficiency
		gt := gate{Flag: "--min-efficiency", Limit: g.raw.eff, Value: v, Pass: v >= g.minEfficiency}
		gt.Message = fmt.Sprintf("efficiency %s %s %s", percent(v), cmpSign(gt.Pass, ">=", "<"), percent(g.minEfficiency))
		out = append(out, gt)
	}
	return out
}

func cmpSign(pass bool, ok, bad string) string {
	if pass {
		return ok
	}
	return bad
}

func percent(f float64) string { return strconv.FormatFloat(f*100, 'f', 2, 64) + "%" }

// sizeUnits: decimal kB/MB/GB/TB, binary KiB/MiB/GiB/TiB and bare K/M/G/T (binary, like
// docker run --memory). Case-insensitive; a trailing B is optional.
var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40,
	"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

// parseSize reads "500MB", "1.2GiB", "300k", "1048576" into bytes.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	f, err := strconv.ParseFloat(num, 64)
	mult, ok := sizeUnits[unit]
	if num == "" || err != nil || !ok || f < 0 {
		return 0, fmt.Errorf("%q is not a size (want bytes or a number with kB, MB, GB, KiB, MiB, GiB)", s)
	}
	v := f * mult
	if v > math.MaxInt64/2 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return int64(math.Round(v)), nil
}

// parseEfficiency reads "0.95" or "95%" into 0..1.
func parseEfficiency(s string) (float64, error) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(t, "%")), 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not an efficiency (want 0-1 or a percentage like 95%%)", s)
	}
	if pct {
		f /= 100
	}
	if f < 0 || f > 1 {
		return 0, fmt.Errorf("%q is out of range (want 0-1 or 0%%-100%%)", s)
	}
	return f, nil
}

func runInspect(ctx context.Context, o *inspectOptions, target string) error {
	valid := false
	for _, f := range inspectFormats {
		valid = valid || f == o.format
	}
	if !valid {
		return app.Inputf("unknown format %q (want one of %s)", o.format, strings.Join(inspectFormats, ", "))
	}
	g, err := parseGates(o)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	// Ctrl-C cancels the scan; the deferred Close still removes a daemon save's temp file.
	ctx, stop, interruptCode := interruptible(ctx)
	defer stop()

	img, err := imagescan.Open(target, imagescan.OpenOptions{Context: ctx, Tag: o.tag, Platform: o.platform})
	if err != nil {
		return app.AsInput(err)
	}
	defer img.Close()
	rep, err := imagescan.Scan(img, imagescan.ScanOptions{Context: ctx, NoCompressedEstimate: o.noEstimate})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return &app.InterruptedError{Code: interruptCode(), Msg: "interrupted: the temporary files it created were removed"}
		}
		return app.Inputf("%s: %v", target, err)
	}
	// The image (and a daemon image's saved tarball) is not needed for the output: remove it
	// now, so that nothing is left behind if writing is cut short (`| head` ends the process
	// with SIGPIPE).
	img.Close()
	results := g.check(rep)

	switch o.format {
	case "json":
		err = writeInspectJSON(o.stdout, rep, results, o.files)
	case "sarif":
		err = output.WriteImageSARIF(o.stdout, rep, output.Options{Version: version})
	default:
		err = writeInspectText(o.stdout, rep, results, o)
	}
	if err != nil {
		return app.AsInput(err)
	}
	var failed []string
	for _, r := range results {
		if !r.Pass {
			failed = append(failed, r.Flag+": "+r.Message)
		}
	}
	if len(failed) > 0 {
		return app.Failedf("gate failed: %s", strings.Join(failed, "; "))
	}
	return nil
}

// inspectIssue is the json form of an imagescan.Issue.
type inspectIssue struct {
	Check    string `json:"check"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Path     string `json:"path,omitempty"`
	Layer    int    `json:"layer"`
}

type inspectJSON struct {
	Image  *imagescan.Report `json:"image"`
	Issues []inspectIssue    `json:"issues"`
	Gates  []gate            `json:"gates"`
	Pass   bool              `json:"pass"`
}

func writeInspectJSON(w io.Writer, rep *imagescan.Report, results []gate, files bool) error {
	doc := inspectJSON{Image: rep, Issues: []inspectIssue{}, Gates: results, Pass: true}
	if doc.Gates == nil {
		doc.Gates = []gate{}
	}
	if !files {
		cp := *rep
		cp.Layers = append([]imagescan.Layer(nil), rep.Layers...)
		for i := range cp.Layers {
			cp.Layers[i].Changes = nil
		}
		doc.Image = &cp
	}
	for _, is := range rep.Issues() {
		doc.Issues = append(doc.Issues, inspectIssue{Check: is.Check.ID, Name: is.Check.Name, Severity: is.Severity,
			Message: is.Message, Path: is.Path, Layer: is.Layer})
	}
	for _, r := range results {
		doc.Pass = doc.Pass && r.Pass
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func writeInspectText(w io.Writer, rep *imagescan.Report, results []gate, o *inspectOptions) error {
	ref := rep.Reference
	if rep.Tag != "" && rep.Tag != rep.Reference {
		ref += " (" + rep.Tag + ")"
	}
	platform := rep.OS + "/" + rep.Architecture
	if rep.Variant != "" {
		platform += "/" + rep.Variant
	}
	user := rep.Config.User
	if user == "" {
		user = "root (unset)"
	}
	health := "none"
	if !rep.NoHealthcheck {
		health = strings.Join(rep.Config.Healthcheck, " ")
	}
	compressed := units.BytesSize(float64(rep.CompressedSizeBytes)) + " compressed"
	if rep.CompressedSizeEstimated {
		compressed += " (estimated: gzip of layers stored uncompressed)"
	} else if rep.CompressedSizeBytes == 0 && len(rep.Layers) > 0 {
		compressed = "compressed size not measured"
	}
	fmt.Fprintf(w, "image       %s [%s]\n", ref, rep.Source)
	fmt.Fprintf(w, "id          %s\n", rep.ImageID)
	fmt.Fprintf(w, "platform    %s\n", platform)
	fmt.Fprintf(w, "user        %s; healthcheck: %s\n", user, health)
	fmt.Fprintf(w, "size        %s uncompressed, %s, %d layers\n", units.BytesSize(float64(rep.UncompressedSizeBytes)), compressed, len(rep.Layers))
	fmt.Fprintf(w, "wasted      %s of %s file content (each hidden copy counted once); efficiency %s\n",
		units.BytesSize(float64(rep.WastedBytes)), units.BytesSize(float64(rep.ContentSizeBytes)), percent(rep.Efficiency))
	if !rep.HistoryMatched {
		fmt.Fprintln(w, "note        the config history does not match the layers one to one: instructions may be missing")
	}

	fmt.Fprintln(w, "\nlayers")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "#\tcompressed\tuncompressed\tadded\tchanged\tremoved\thides\t")
	for _, l := range rep.Layers {
		comp := units.BytesSize(float64(l.CompressedSizeBytes))
		if l.CompressedSizeBytes == 0 && !rep.CompressedSizeEstimated {
			comp = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", l.Index, comp,
			units.BytesSize(float64(l.UncompressedSizeBytes)), l.FilesAdded, l.FilesChanged, l.FilesRemoved,
			units.BytesSize(float64(l.HiddenBytes)), "  "+layerLabel(l))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if o.files {
		for _, l := range rep.Layers {
			fmt.Fprintf(w, "\nlayer %d files\n", l.Index)
			for _, c := range l.Changes {
				mark := map[imagescan.ChangeKind]string{imagescan.Added: "+", imagescan.Changed: "~", imagescan.Removed: "-"}[c.Kind]
				fmt.Fprintf(w, "  %s %10s  %s\n", mark, units.BytesSize(float64(c.SizeBytes)), c.Path)
			}
		}
	}
	if len(rep.Wasted) > 0 && o.top > 0 {
		n := min(o.top, len(rep.Wasted))
		fmt.Fprintf(w, "\nlargest wasted copies (%d of %d)\n", n, len(rep.Wasted))
		for _, f := range rep.Wasted[:n] {
			how := "overwritten"
			if f.Deleted {
				how = "deleted"
			}
			fmt.Fprintf(w, "  %10s  %s (layer %d, %s by layer %d)\n", units.BytesSize(float64(f.SizeBytes)), f.Path, f.Layer, how, f.HiddenByLayer)
		}
	}
	issues := rep.Issues()
	fmt.Fprintf(w, "\nfindings (%d)\n", len(issues))
	for _, is := range issues {
		fmt.Fprintf(w, "  %-7s %s %s: %s\n", is.Severity, is.Check.ID, is.Check.Name, is.Message)
	}
	if len(results) > 0 {
		fmt.Fprintln(w, "\ngates")
		for _, r := range results {
			verdict := "pass"
			if !r.Pass {
				verdict = "FAIL"
			}
			fmt.Fprintf(w, "  %s %s: %s\n", verdict, r.Flag, r.Message)
		}
	}
	return nil
}

// layerLabel is the instruction that made a layer, or its history comment ("Imported from
// -" for docker import).
func layerLabel(l imagescan.Layer) string {
	return oneLine(imagescan.Label(l.CreatedBy, l.Comment), 100)
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
