// Package cis gives the CIS Docker Benchmark verdicts dockopt can back with evidence: the
// items of section 4 (container images and build files) and the items of section 5
// (container runtime) that a container run can show. Each item is pass, fail or not
// checked, with its evidence: a lint finding (file:line), an image finding (a file in a
// layer, the image config) or a measured container run.
//
// Which dockopt check covers which item is not written here: every rule says it in its own
// metadata (rule.Rule.Equivalents, "cis:4.1"), and this package asks the registry
// (rules.LookupEquivalent). What is here is the benchmark's list of items and how evidence
// turns into a verdict. An item passes only when a check that would have found a failure
// ran and found none; an item no check ran for is "not checked", with the reason.
//
// Item numbers and titles are those of CIS Docker Benchmark v1.6.0 (the version the rules'
// references cite). Section 4 is numbered the same in earlier versions; section 5 is not:
// v1.6.0 added 5.1 (swarm mode), so read-only root filesystem, 5.12 in v1.2.0, is 5.13 here.
package cis

import "strings"

// Benchmark names the benchmark and version whose item numbers and titles are used.
const Benchmark = "CIS Docker Benchmark v1.6.0"

// Item is one recommendation of the benchmark.
type Item struct {
	// ID is the item number ("4.1"); Title the benchmark's title for it.
	ID, Title string
	// Unprovable, when set, says why no evidence dockopt has can show the item is met: its
	// checks can fail it, never pass it.
	Unprovable string
}

// Runtime reports whether the item is about how containers are run (section 5), not about
// the image or its Dockerfile.
func (it Item) Runtime() bool { return strings.HasPrefix(it.ID, "5.") }

// Items are the items reported, in the benchmark's order.
var Items = []Item{
	{ID: "4.1", Title: "Ensure that a user for the container has been created"},
	{ID: "4.2", Title: "Ensure that containers use only trusted base images"},
	{ID: "4.3", Title: "Ensure that unnecessary packages are not installed in the container",
		Unprovable: "a manual item: dockopt finds build tools and recommended packages, but cannot tell whether the other packages are needed"},
	{ID: "4.6", Title: "Ensure that HEALTHCHECK instructions have been added to container images"},
	{ID: "4.7", Title: "Ensure update instructions are not used alone in the Dockerfile"},
	{ID: "4.8", Title: "Ensure setuid and setgid permissions are removed"},
	{ID: "4.9", Title: "Ensure that COPY is used instead of ADD in Dockerfiles"},
	{ID: "4.10", Title: "Ensure secrets are not stored in Dockerfiles"},
	{ID: "4.11", Title: "Ensure only verified packages are installed"},
	{ID: "5.4", Title: "Ensure that Linux kernel capabilities are restricted within containers"},
	{ID: "5.5", Title: "Ensure that privileged containers are not used"},
	{ID: "5.13", Title: "Ensure that the container's root filesystem is mounted as read only"},
	{ID: "5.22", Title: "Ensure the default seccomp profile is not Disabled"},
	{ID: "5.26", Title: "Ensure that the container is restricted from acquiring additional privileges"},
}

// NoHardeningTrial is why a runtime item is not checked: no container was run with the
// hardening it asks for.
const NoHardeningTrial = "no hardening trial was run"
