package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/docker/go-units"

	"github.com/dockopt/dockopt/cis"
	"github.com/dockopt/dockopt/imagescan"
)

// imageIssue is the json form of an imagescan.Issue.
type imageIssue struct {
	Check    string `json:"check"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Path     string `json:"path,omitempty"`
	Layer    int    `json:"layer"`
}

type imageJSON struct {
	Image  *imagescan.Report `json:"image"`
	Issues []imageIssue      `json:"issues"`
	Gates  []imagescan.Gate  `json:"gates"`
	Pass   bool              `json:"pass"`
	// CIS is the CIS Docker Benchmark verdicts on the image (package cis).
	CIS *cis.Report `json:"cis"`
}

// WriteImageJSON writes inspect's JSON: the image report (without each layer's file list
// unless files), its issues, the gates' outcomes and the CIS Docker Benchmark verdicts.
func WriteImageJSON(w io.Writer, rep *imagescan.Report, results []imagescan.Gate, files bool) error {
	doc := imageJSON{Image: rep, Issues: []imageIssue{}, Gates: results, Pass: true, CIS: cis.Evaluate(cis.Inputs{Image: rep})}
	if doc.Gates == nil {
		doc.Gates = []imagescan.Gate{}
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
		doc.Issues = append(doc.Issues, imageIssue{Check: is.Check.ID, Name: is.Check.Name, Severity: is.Severity,
			Message: is.Message, Path: is.Path, Layer: is.Layer})
	}
	for _, r := range results {
		doc.Pass = doc.Pass && r.Pass
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// ImageTextOptions tune WriteImageText.
type ImageTextOptions struct {
	// Files lists every file each layer added, changed or removed; Top is how many of the
	// largest wasted copies are listed.
	Files bool
	Top   int
}

// WriteImageText writes inspect's text output.
func WriteImageText(w io.Writer, rep *imagescan.Report, results []imagescan.Gate, o ImageTextOptions) error {
	writeImageSummary(w, rep)
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
	if o.Files {
		for _, l := range rep.Layers {
			fmt.Fprintf(w, "\nlayer %d files\n", l.Index)
			for _, c := range l.Changes {
				mark := map[imagescan.ChangeKind]string{imagescan.Added: "+", imagescan.Changed: "~", imagescan.Removed: "-"}[c.Kind]
				fmt.Fprintf(w, "  %s %10s  %s\n", mark, units.BytesSize(float64(c.SizeBytes)), c.Path)
			}
		}
	}
	if len(rep.Wasted) > 0 && o.Top > 0 {
		n := min(o.Top, len(rep.Wasted))
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
	writeImageCIS(w, cis.Evaluate(cis.Inputs{Image: rep}))
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

// writeImageCIS writes the CIS Docker Benchmark verdicts: one line per item, then its
// evidence, or why it was not checked.
func writeImageCIS(w io.Writer, rep *cis.Report) {
	fmt.Fprintf(w, "\n%s (pass only when a check that would have found a failure ran and found none)\n", rep.Benchmark)
	for _, it := range rep.Items {
		fmt.Fprintf(w, "  %-5s %-11s %s\n", it.ID, it.Verdict, it.Title)
		for _, why := range it.Why {
			fmt.Fprintf(w, "          %s\n", why)
		}
		for _, e := range it.Evidence {
			fmt.Fprintf(w, "          %s\n", e)
		}
	}
}

// writeImageSummary writes the image's reference, platform, user, sizes and waste.
func writeImageSummary(w io.Writer, rep *imagescan.Report) {
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
		units.BytesSize(float64(rep.WastedBytes)), units.BytesSize(float64(rep.ContentSizeBytes)), imagescan.Percent(rep.Efficiency))
	if !rep.HistoryMatched {
		fmt.Fprintln(w, "note        the config history does not match the layers one to one: instructions may be missing")
	}
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
