package correctness

import "testing"

func TestKnownImageOS(t *testing.T) {
	cases := map[string]string{
		"alpine:3.20": "linux", "python:3.12-slim": "linux", "node:20-bookworm": "linux",
		"golang:1.22-alpine3.20": "linux", "docker.io/library/debian:12": "linux",
		"gcr.io/distroless/static-debian12": "linux", "registry.access.redhat.com/ubi9/ubi-minimal": "linux",
		"mcr.microsoft.com/windows/servercore:ltsc2022": "windows", "mcr.microsoft.com/windows/nanoserver:ltsc2022": "windows",
		"mcr.microsoft.com/dotnet/framework/sdk:4.8": "windows", "golang:1.22-windowsservercore-ltsc2022": "windows",
		"mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022": "windows",
		"golang:1.22": "", "python:3.12": "", "mcr.microsoft.com/dotnet/sdk:8.0": "", "myorg/app:1.0": "",
	}
	for ref, want := range cases {
		if got := knownImageOS(ref); got != want {
			t.Errorf("knownImageOS(%q) = %q, want %q", ref, got, want)
		}
	}
}
