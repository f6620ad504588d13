package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
)

// Identity is what is a running container's own, as `docker inspect` shows it: its
// hostname (Config.Hostname: by default the first 12 hex digits of its ID), its full ID and
// its IP addresses on its networks. A service that prints them answers differently in every
// container of one image.
type Identity struct {
	Hostname string   `json:"hostname"`
	ID       string   `json:"id"`
	IPs      []string `json:"ips,omitempty"`
}

// Identity inspects a container's hostname, ID and IP addresses.
func (e *Engine) Identity(ctx context.Context, c *Container) (Identity, error) {
	out, err := e.output(ctx, nil, "inspect", "--type", "container", "--format", "{{json .}}", c.Name)
	if err != nil {
		return Identity{}, err
	}
	return ParseContainerIdentity(out)
}

// ParseContainerIdentity reads the Identity from `docker inspect --format '{{json .}}'` of a
// container: Id, Config.Hostname and the IPv4 and global IPv6 addresses of
// NetworkSettings and each of NetworkSettings.Networks (sorted, each once).
func ParseContainerIdentity(data []byte) (Identity, error) {
	type addrs struct{ IPAddress, GlobalIPv6Address string }
	var raw struct {
		ID              string `json:"Id"`
		Config          struct{ Hostname string }
		NetworkSettings struct {
			addrs
			Networks map[string]addrs
		}
	}
	if err := json.Unmarshal(bytes.TrimSpace(data), &raw); err != nil {
		return Identity{}, fmt.Errorf("docker inspect: %v", err)
	}
	id := Identity{Hostname: raw.Config.Hostname, ID: raw.ID}
	seen := map[string]bool{"": true}
	add := func(a addrs) {
		for _, ip := range []string{a.IPAddress, a.GlobalIPv6Address} {
			if !seen[ip] {
				seen[ip] = true
				id.IPs = append(id.IPs, ip)
			}
		}
	}
	add(raw.NetworkSettings.addrs)
	for _, n := range raw.NetworkSettings.Networks {
		add(n)
	}
	sort.Strings(id.IPs)
	return id, nil
}
