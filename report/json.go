package report

import (
	"encoding/json"
	"io"

	"github.com/dockopt/dockopt/optimize"
	"github.com/dockopt/dockopt/rule"
)

// JSON writes the report as JSON.
func JSON(w io.Writer, in *Input) error {
	r := in.Opt
	doc := map[string]any{
		"dir":              in.Dir,
		"dockerfile":       in.DockerfileName,
		"target":           in.Target,
		"out_dockerfile":   in.OutDockerfile,
		"out_dockerignore": in.OutIgnore,
		"ecosystem":        r.Ecosystem,
		"ecosystem_why":    r.EcosystemWhy,
		"changes":          jsonChanges(r.Changes),
		"carried":          nonNil(r.Carried),
		"notes":            nonNil(r.Notes),
		"build_packages":   nonNil(r.BuildPackages),
		"runtime_packages": nonNil(r.RuntimePackages),
		"unknown_dev":      nonNil(r.UnknownDev),
		"user":             r.User,
		"healthcheck":      r.Healthcheck,
		"port":             r.Port,
		"command":          nonNil(r.Command),
		"findings_before":  famMap(r.FindingsBefore),
		"findings_after":   famMap(r.FindingsAfter),
		"metrics":          in.Metrics,
		"left":             jsonLeft(r.Left),
		"result":           jsonFacts(r.Facts),
		"cis":              in.CIS,
		"supply_chain":     supplyChainOf(r.Dockerfile),
	}
	if r.Ignore != nil {
		doc["context"] = map[string]any{
			"files_before": r.Ignore.FilesBefore, "bytes_before": r.Ignore.BytesBefore,
			"files_after": r.Ignore.FilesAfter, "bytes_after": r.Ignore.BytesAfter,
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// jsonLeft lists the original's errors and warnings the result still has, with reasons.
func jsonLeft(ls []optimize.LeftFinding) []map[string]any {
	out := []map[string]any{}
	for _, l := range ls {
		out = append(out, map[string]any{"rule": l.Rule, "name": l.Name, "severity": l.Severity, "before": l.Before, "after": l.After, "why": l.Why})
	}
	return out
}

// jsonFacts is what the optimized Dockerfile says about the image it builds.
func jsonFacts(f optimize.Facts) map[string]any {
	return map[string]any{"target": f.Target, "base_image": f.BaseImage, "user": f.User, "packages": nonNil(f.Packages),
		"build_tools": nonNil(f.BuildTools), "cache_findings": nonNil(f.CacheFindings), "healthcheck": f.Healthcheck}
}

func famMap(m map[rule.Family]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}

// jsonChanges is the changes with every list present ([] rather than null).
func jsonChanges(cs []optimize.Change) []optimize.Change {
	out := make([]optimize.Change, len(cs))
	for i, c := range cs {
		c.Rules = nonNil(c.Rules)
		out[i] = c
	}
	return out
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
