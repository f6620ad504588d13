package main

import (
	"github.com/dockopt/dockopt/app"
	"github.com/dockopt/dockopt/config"
)

// loadConfig forwards to app.LoadConfig for the verbs written before package app (dockopt
// lsp calls it); new code calls app.LoadConfig. Remove it once nothing calls it.
func loadConfig(path string) (*config.Config, error) { return app.LoadConfig(path) }
