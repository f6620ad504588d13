package pkgmgr

// RegistryBuilt reports whether the registry has been built.
func RegistryBuilt() bool { return registryBuilt }
