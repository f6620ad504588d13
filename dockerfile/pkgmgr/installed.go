package pkgmgr

import (
	"sort"
	"strings"

	"github.com/dockopt/dockopt/dockerfile"
)

// Op is one distribution package install or removal seen in a RUN.
type Op struct {
	In      *dockerfile.Instruction
	Cmd     *dockerfile.Command
	Install bool
	// Pkgs are the package names (literal or resolved from ARG/ENV), versions stripped.
	Pkgs []string
	// Virtual is apk's --virtual name of an install.
	Virtual string
	// All marks a removal of everything the same RUN installed (apt-mark auto + purge
	// --auto-remove, the docker-library pattern).
	All bool
}

// OSManagers are the distributions' package managers (IDs).
var OSManagers = []string{"apt", "apk", "dnf", "dnf5", "yum", "microdnf", "tdnf", "zypper"}

// ImageOps returns the distribution package installs and removals of the RUNs that build
// stage st's image (st and the stages it is built FROM), in build order.
func ImageOps(f *dockerfile.File, st *dockerfile.Stage) []Op {
	chain := f.StageChain(st)
	var ops []Op
	for i := len(chain) - 1; i >= 0; i-- {
		for _, in := range chain[i].Instructions {
			if in.Cmd == "run" {
				ops = append(ops, RunOps(f, in)...)
			}
		}
	}
	return ops
}

// RunOps returns the distribution package installs and removals of a RUN's script, in order.
func RunOps(f *dockerfile.File, in *dockerfile.Instruction) []Op {
	s := in.Script
	if s == nil {
		return nil
	}
	var out []Op
	markedAuto := false
	for _, c := range s.Commands {
		if c.Is("apt-mark") {
			markedAuto = markedAuto || c.Subcommand() == "auto"
			continue
		}
		call := ParseCommand(c)
		if call == nil || !call.Is(OSManagers...) || call.Subcommand == nil || !call.Subcommand.Packages {
			continue
		}
		install, remove := call.Action == Install, call.Action == Remove
		if !install && !remove {
			continue
		}
		op := Op{In: in, Cmd: c, Install: install}
		for _, a := range call.Operands {
			words := []string{a}
			if strings.Contains(a, "$") {
				v, ok := f.Expand(in, a)
				if !ok || strings.Contains(v, "$") {
					continue
				}
				words = strings.Fields(v)
			}
			for _, w := range words {
				op.Pkgs = append(op.Pkgs, ParsePackage(call.Manager.Pin, w).Name)
			}
		}
		if call.Is("apk") && install {
			op.Virtual, _ = call.Value("--virtual")
		}
		if remove && markedAuto && (call.Sub == "autoremove" || call.Has("--auto-remove")) {
			op.All = true
		}
		out = append(out, op)
	}
	return out
}

// RemovedLater reports whether a package (or its apk --virtual group) installed by ops[i] is
// removed by a later operation.
func RemovedLater(ops []Op, i int, pkg, virtual string) bool {
	for _, op := range ops[i+1:] {
		if op.Install {
			continue
		}
		if op.All && op.In == ops[i].In {
			return true
		}
		for _, r := range op.Pkgs {
			if r == pkg || virtual != "" && r == virtual {
				return true
			}
		}
	}
	return false
}

// Installed returns the distribution packages stage st's image installs and does not remove
// again, sorted (the base image's own packages are not known here).
func Installed(f *dockerfile.File, st *dockerfile.Stage) []string {
	ops := ImageOps(f, st)
	seen := map[string]bool{}
	var out []string
	for i, op := range ops {
		if !op.Install {
			continue
		}
		for _, p := range op.Pkgs {
			if !seen[p] && !RemovedLater(ops, i, p, op.Virtual) {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}
