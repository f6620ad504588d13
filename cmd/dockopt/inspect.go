package main

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockopt/dockopt/app"
	"github.com/dockopt/dockopt/engine"
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
Then the CIS Docker Benchmark v1.6.0 items, pass, fail or not checked, each with its
evidence: the image finding (a file and its layer, the config), or why it was not checked
(a Dockerfile check: run dockopt lint; section 5: no container is run here).

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

func runInspect(ctx context.Context, o *inspectOptions, target string) error {
	valid := false
	for _, f := range inspectFormats {
		valid = valid || f == o.format
	}
	if !valid {
		return app.Inputf("unknown format %q (want one of %s)", o.format, strings.Join(inspectFormats, ", "))
	}
	g, err := imagescan.ParseGates(imagescan.GateLimits{MaxSize: o.maxSize, MaxWasted: o.maxWasted, MinEfficiency: o.minEfficiency})
	if err != nil {
		return app.AsInput(err)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	// Ctrl-C cancels the scan; the deferred Close still removes a daemon save's temp file.
	ctx, stop, interruptCode := interruptible(ctx)
	defer stop()

	img, err := imagescan.Open(target, imagescan.OpenOptions{Context: ctx, Tag: o.tag, Platform: o.platform})
	if err != nil && ctx.Err() != nil { // interrupted during docker save: its files are removed
		return &app.InterruptedError{Code: interruptCode(), Msg: "interrupted: the temporary files it created were removed"}
	}
	if errors.Is(err, engine.ErrNoEngine) {
		return &app.EngineError{Err: err}
	}
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
	results := g.Check(rep)

	switch o.format {
	case "json":
		err = output.WriteImageJSON(o.stdout, rep, results, o.files)
	case "sarif":
		err = output.WriteImageSARIF(o.stdout, rep, output.Options{Version: version})
	default:
		err = output.WriteImageText(o.stdout, rep, results, output.ImageTextOptions{Files: o.files, Top: o.top})
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
