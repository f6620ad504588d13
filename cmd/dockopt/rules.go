package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dockopt/dockopt/app"
	"github.com/dockopt/dockopt/dockerfile/pkgmgr"
	"github.com/dockopt/dockopt/docs"
	"github.com/dockopt/dockopt/rule"
	"github.com/dockopt/dockopt/rules"
)

type rulesOptions struct {
	format string
	facts  bool
}

func newRulesCmd() *cobra.Command {
	o := &rulesOptions{}
	cmd := &cobra.Command{
		Use:   "rules [ID|NAME]",
		Short: "List the rules, or print one rule's documentation",
		Long: `rules lists the rules (ID, name, family, severity, default, fix, equivalents), or prints
one rule's documentation. With --facts it prints instead the package-manager and ecosystem
facts that the rules and the optimizer read (commands, options, cache directories, lockfiles,
front-end build outputs...), each with its source: a docs URL and the version it was read
from; docs/package-managers.md is the same text.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRules(cmd, o, args)
		},
	}
	cmd.Flags().StringVarP(&o.format, "format", "f", "text", "output format: text or json")
	cmd.Flags().BoolVar(&o.facts, "facts", false, "print the package-manager and ecosystem facts with their sources (Markdown), not the rules")
	return cmd
}

type ruleJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Family      string   `json:"family"`
	Severity    string   `json:"severity"`
	Default     string   `json:"default"`
	Fix         string   `json:"fix"`
	Equivalents []string `json:"equivalents"`
	Doc         *docJSON `json:"doc,omitempty"`
}

type docJSON struct {
	What       string `json:"what"`
	Why        string `json:"why"`
	Example    string `json:"example"`
	UseInstead string `json:"use_instead"`
	FixNotes   string `json:"fix_notes,omitempty"`
	// OffByDefault says why an opt-in rule does not run by default.
	OffByDefault string   `json:"off_by_default,omitempty"`
	References   []string `json:"references"`
}

func toRuleJSON(r *rule.Rule, withDoc bool) ruleJSON {
	eq := r.Equivalents
	if eq == nil {
		eq = []string{}
	}
	j := ruleJSON{ID: r.ID, Name: r.Name, Family: string(r.Family), Severity: r.Severity.String(), Default: docs.Default(r), Fix: r.Fix.String(), Equivalents: eq}
	if withDoc {
		j.Doc = &docJSON{What: r.Doc.What, Why: r.Doc.Why, Example: r.Doc.Example, UseInstead: r.Doc.UseInstead, FixNotes: r.Doc.FixNotes, OffByDefault: r.Doc.OffByDefault, References: r.Doc.References}
	}
	return j
}

func runRules(cmd *cobra.Command, o *rulesOptions, args []string) error {
	out := cmd.OutOrStdout()
	if o.format != "text" && o.format != "json" {
		return app.Inputf("unknown format %q (want text or json)", o.format)
	}
	if o.facts {
		if len(args) > 0 || o.format != "text" {
			return app.Inputf("--facts takes no rule and prints Markdown only")
		}
		_, err := fmt.Fprint(out, docs.PackageManagers(pkgmgr.Managers()))
		return err
	}
	if len(args) == 1 {
		rs := rules.Resolve(args[0])
		if len(rs) == 0 {
			return app.Inputf("unknown rule %q (see `dockopt rules`)", args[0])
		}
		r := rs[0]
		if o.format == "json" {
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			return enc.Encode(toRuleJSON(r, true))
		}
		_, err := fmt.Fprint(out, docs.RuleMarkdown(r))
		return err
	}
	rules := rules.All()
	if o.format == "json" {
		list := make([]ruleJSON, 0, len(rules))
		for _, r := range rules {
			list = append(list, toRuleJSON(r, false))
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tFAMILY\tSEVERITY\tDEFAULT\tFIX\tEQUIVALENTS")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Family, r.Severity, docs.Default(r), r.Fix, strings.Join(r.Equivalents, " "))
	}
	return tw.Flush()
}
