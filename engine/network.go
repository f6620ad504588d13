package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// CreateNetwork creates a user-defined bridge network (`docker network create`), where
// containers reach each other by name and alias, and tracks it for Cleanup.
func (e *Engine) CreateNetwork(ctx context.Context, name string) error {
	// tracked first: a create that Ctrl-C interrupts may still have made it
	e.mu.Lock()
	e.networks = append(e.networks, name)
	e.mu.Unlock()
	if _, err := e.output(ctx, nil, "network", "create", "--label", "org.dockopt.measure=true", name); err != nil {
		return fmt.Errorf("creating the network %s: %w", name, err)
	}
	return nil
}

// ConnectNetwork connects a running container to a network under these aliases (`docker
// network connect --alias`).
func (e *Engine) ConnectNetwork(ctx context.Context, network, container string, aliases []string) error {
	args := []string{"network", "connect"}
	for _, a := range aliases {
		args = append(args, "--alias", a)
	}
	_, err := e.output(ctx, nil, append(args, network, container)...)
	return err
}

// ComposeVersion is the version of the docker compose plugin of this CLI (`docker compose
// version --short`); an error when the plugin is not installed.
func (e *Engine) ComposeVersion(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := e.output(ctx, nil, "compose", "version", "--short")
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// ComposeProject is a compose project this Engine starts services of: Cleanup takes it down
// (`docker compose down --volumes --remove-orphans --rmi local`: its containers, networks,
// volumes and the images compose built for it).
type ComposeProject struct {
	Name, File string
}

func (p ComposeProject) args(more ...string) []string {
	return append([]string{"compose", "--project-name", p.Name, "--file", p.File}, more...)
}

// ComposeUp starts services of a compose project and the services they depend on, and waits
// until each is running, or healthy when it has a health check (`docker compose up --detach
// --wait`). The project is tracked for Cleanup first.
func (e *Engine) ComposeUp(ctx context.Context, p ComposeProject, services []string) error {
	e.mu.Lock()
	e.projects = append(e.projects, p)
	e.mu.Unlock()
	_, err := e.output(ctx, nil, p.args(append([]string{"up", "--detach", "--wait", "--quiet-pull", "--no-color"}, services...)...)...)
	return err
}

// ComposeContainers are the IDs of a compose service's containers (`docker compose ps -q`).
func (e *Engine) ComposeContainers(ctx context.Context, p ComposeProject, service string) ([]string, error) {
	out, err := e.output(ctx, nil, p.args("ps", "--quiet", service)...)
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(out)), nil
}

// ComposeDown takes a project down now, rather than at Cleanup (`docker compose down
// --volumes --remove-orphans --rmi local`).
func (e *Engine) ComposeDown(ctx context.Context, p ComposeProject) error {
	if _, err := e.output(ctx, nil, p.args("down", "--volumes", "--remove-orphans", "--rmi", "local")...); err != nil {
		return err
	}
	e.mu.Lock()
	e.projects = slices.DeleteFunc(e.projects, func(q ComposeProject) bool { return q == p })
	e.mu.Unlock()
	return nil
}

// RemoveNetwork removes a network now, rather than at Cleanup (its containers must be gone).
func (e *Engine) RemoveNetwork(ctx context.Context, name string) error {
	if _, err := e.output(ctx, nil, "network", "rm", name); err != nil && !isNotFound(err) {
		return err
	}
	e.mu.Lock()
	e.networks = slices.DeleteFunc(e.networks, func(n string) bool { return n == name })
	e.mu.Unlock()
	return nil
}
