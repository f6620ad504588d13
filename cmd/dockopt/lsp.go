package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/dockopt/dockopt/app"
	"github.com/dockopt/dockopt/lsp"
)

type lspOptions struct {
	configPath string
	stdio      bool
}

func init() { extraCommands = append(extraCommands, newLSPCmd) }

func newLSPCmd() *cobra.Command {
	o := &lspOptions{}
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server on stdin and stdout (diagnostics, quick fixes, rule docs on hover)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLSP(cmd.Context(), o, cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.configPath, "config", "", "configuration file for every document (default: .dockopt.yaml or .hadolint.yaml found from each Dockerfile's directory)")
	fl.BoolVar(&o.stdio, "stdio", true, "talk over stdin and stdout (the only transport; accepted because editors pass it)")
	return cmd
}

func runLSP(ctx context.Context, o *lspOptions, in io.Reader, out io.Writer) error {
	if o.configPath != "" {
		if _, err := app.LoadConfig(o.configPath); err != nil {
			return err
		}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := lsp.New(lsp.Options{ConfigPath: o.configPath, Version: version})
	return srv.Serve(ctx, stdio{in, out})
}

// stdio joins the two standard streams into the connection the server reads and writes.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }
