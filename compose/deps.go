package compose

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/compose-spec/compose-go/v2/types"
)

// Dependency is a service that a compose service needs started first: one of its depends_on
// services, or one of theirs. It holds what compose creates the container from.
type Dependency struct {
	// Name is the service's name (the host name the others reach it by); Line its line in
	// File (0 when unknown).
	Name string
	File string
	Line int
	// Condition is what the service that depends on it waits for, as compose writes it:
	// service_started, service_healthy or service_completed_successfully (the strictest when
	// several services depend on it).
	Condition string
	// Image is the image it runs ("" when it has only a build: section); Builds is true when
	// it has a build: section (compose builds it).
	Image  string
	Builds bool
	// Environment and EnvFiles are as in Build.
	Environment []string
	EnvFiles    []string
	// Command and Entrypoint replace the image's when not nil.
	Command, Entrypoint []string
	User, WorkingDir    string
	// Healthcheck is the service's healthcheck: nil when it sets none (the image's own
	// HEALTHCHECK applies).
	Healthcheck *Healthcheck
	// Volumes are its volumes: and Tmpfs its tmpfs: entries.
	Volumes []Volume
	Tmpfs   []string
}

// Healthcheck is a compose healthcheck.
type Healthcheck struct {
	// Test is ["CMD", arg...], ["CMD-SHELL", "command"] or ["NONE"]; Disable is
	// `disable: true` (or test NONE).
	Test    []string
	Disable bool
	// Interval, Timeout and StartPeriod are 0 when not set (the engine's defaults);
	// Retries too.
	Interval, Timeout, StartPeriod time.Duration
	Retries                        int
}

// Volume is a volumes: entry.
type Volume struct {
	// Type is "bind", "volume" or "tmpfs"; Source the host path of a bind (absolute) or the
	// volume's name ("" for an anonymous volume).
	Type, Source, Target string
	ReadOnly             bool
}

// conditionRank orders depends_on conditions from the weakest.
var conditionRank = map[string]int{types.ServiceConditionStarted: 0, types.ServiceConditionHealthy: 1, types.ServiceConditionCompletedSuccessfully: 2}

// ServiceDependencies reads the compose file at path and returns what its service needs
// started first: its depends_on services and theirs, each once, every service after the
// ones it depends on (by name where the order is free). A dependency that is not required
// (`required: false`) and not in the file is left out, as compose leaves it. It fails with
// an *Error for a service that is not in the file, a dependency on a service that is not
// there, and a cycle.
func ServiceDependencies(path, service string) ([]Dependency, error) {
	project, data, err := loadModel(path)
	if err != nil {
		return nil, err
	}
	if _, ok := project.Services[service]; !ok {
		return nil, &Error{File: path, Msg: fmt.Sprintf("no service %q", service)}
	}
	var order []string
	conds := map[string]string{}
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(name string, chain []string) error
	visit = func(name string, chain []string) error {
		switch state[name] {
		case 1:
			line, col := yamlPos(data, "services", name)
			return &Error{File: path, Line: line, Column: col, Msg: "depends_on cycle: " + strings.Join(append(chain, name), " → ")}
		case 2:
			return nil
		}
		state[name] = 1
		svc := project.Services[name]
		for _, dep := range slices.Sorted(maps.Keys(svc.DependsOn)) {
			d := svc.DependsOn[dep]
			if _, ok := project.Services[dep]; !ok {
				if !d.Required {
					continue
				}
				line, col := yamlPos(data, "services", name, "depends_on")
				return &Error{File: path, Line: line, Column: col, Msg: fmt.Sprintf("service %q depends on %q, which is not a service of this file (or is disabled)", name, dep)}
			}
			if c, seen := conds[dep]; !seen || conditionRank[d.Condition] > conditionRank[c] {
				conds[dep] = d.Condition
			}
			if err := visit(dep, append(chain, name)); err != nil {
				return err
			}
		}
		state[name] = 2
		if name != service {
			order = append(order, name)
		}
		return nil
	}
	if err := visit(service, nil); err != nil {
		return nil, err
	}
	out := make([]Dependency, 0, len(order))
	for _, name := range order {
		out = append(out, dependency(path, data, name, project.Services[name], conds[name]))
	}
	return out, nil
}

// dependency is the Dependency of service svc.
func dependency(path string, data []byte, name string, svc types.ServiceConfig, cond string) Dependency {
	if cond == "" {
		cond = types.ServiceConditionStarted
	}
	d := Dependency{Name: name, File: path, Line: yamlLine(data, "services", name), Condition: cond, Image: svc.Image,
		Builds: svc.Build != nil, User: svc.User, WorkingDir: svc.WorkingDir, Tmpfs: svc.Tmpfs}
	if svc.Command != nil {
		d.Command = append([]string{}, svc.Command...)
	}
	if svc.Entrypoint != nil {
		d.Entrypoint = append([]string{}, svc.Entrypoint...)
	}
	d.Environment, d.EnvFiles = environment(svc)
	if hc := svc.HealthCheck; hc != nil {
		h := &Healthcheck{Test: append([]string(nil), hc.Test...), Disable: hc.Disable || (len(hc.Test) > 0 && hc.Test[0] == "NONE")}
		h.Interval, h.Timeout, h.StartPeriod = duration(hc.Interval), duration(hc.Timeout), duration(hc.StartPeriod)
		if hc.Retries != nil {
			h.Retries = int(*hc.Retries)
		}
		d.Healthcheck = h
	}
	for _, v := range svc.Volumes {
		d.Volumes = append(d.Volumes, Volume{Type: v.Type, Source: v.Source, Target: v.Target, ReadOnly: v.ReadOnly})
	}
	return d
}

func duration(d *types.Duration) time.Duration {
	if d == nil {
		return 0
	}
	return time.Duration(*d)
}

// environment is a service's environment: entries, sorted (NAME=VALUE, or NAME alone for an
// entry without a value), and its env_file: paths, except optional ones that are not there,
// which compose skips too.
func environment(svc types.ServiceConfig) (env, files []string) {
	for k, v := range svc.Environment {
		if v == nil {
			env = append(env, k)
		} else {
			env = append(env, k+"="+*v)
		}
	}
	sort.Strings(env)
	for _, f := range svc.EnvFiles {
		if f.Required || isFile(f.Path) {
			files = append(files, f.Path)
		}
	}
	return env, files
}
