package ruleutil

// The options of package managers that take a separate value, so that a command's
// positional arguments (packages, paths) can be told from option values. Package-manager
// knowledge: it moves to dockerfile/pkgmgr when that package owns it.

// AptValueFlags are apt-get options that take a separate value.
var AptValueFlags = []string{"-o", "-c", "-t", "--option", "--config-file", "--target-release"}

// NpmValueFlags are npm options that take a separate value.
var NpmValueFlags = []string{"--prefix", "-C", "--cache", "--registry", "--omit", "--include", "--only",
	"--userconfig", "--loglevel", "-w", "--workspace", "--location", "--install-strategy", "--tag"}

// YarnValueFlags are yarn options that take a separate value.
var YarnValueFlags = []string{"--cwd", "--modules-folder", "--cache-folder", "--network-timeout", "--mutex",
	"--registry", "--network-concurrency", "--global-folder", "--link-folder", "--preferred-cache-folder"}
