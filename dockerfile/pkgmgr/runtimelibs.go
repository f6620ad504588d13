package pkgmgr

import "sync"

// RuntimeLibs returns the Debian packages a program built against the -dev package dev needs
// at run time (nil for headers whose runtime part every base image has), and false for a -dev
// package dockopt does not know: it is then reported as unknown instead of guessed.
func RuntimeLibs(dev string) ([]string, bool) {
	libs, ok := runtimeLibs()[dev]
	return libs, ok
}

// runtimeLibs maps a Debian -dev package (needed to build) to the runtime library package a
// program built against it needs. Source: Debian bookworm (12) package index,
// https://packages.debian.org/bookworm/ — each -dev package's "depends" on its shared
// library package. A -dev package missing from this table is reported as unknown instead of
// guessed.
var runtimeLibs = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		"libpq-dev":                  {"libpq5"},
		"libffi-dev":                 {"libffi8"},
		"libssl-dev":                 {"libssl3"},
		"libjpeg-dev":                {"libjpeg62-turbo"},
		"libjpeg62-turbo-dev":        {"libjpeg62-turbo"},
		"libxml2-dev":                {"libxml2"},
		"libxslt1-dev":               {"libxslt1.1"},
		"libxslt-dev":                {"libxslt1.1"},
		"zlib1g-dev":                 {"zlib1g"},
		"libpng-dev":                 {"libpng16-16"},
		"libfreetype6-dev":           {"libfreetype6"},
		"libfreetype-dev":            {"libfreetype6"},
		"libtiff-dev":                {"libtiff6"},
		"libtiff5-dev":               {"libtiff6"},
		"libwebp-dev":                {"libwebp7"},
		"liblcms2-dev":               {"liblcms2-2"},
		"libopenjp2-7-dev":           {"libopenjp2-7"},
		"libmariadb-dev":             {"libmariadb3"},
		"default-libmysqlclient-dev": {"libmariadb3"},
		"libmariadb-dev-compat":      {"libmariadb3"},
		"libsqlite3-dev":             {"libsqlite3-0"},
		"libyaml-dev":                {"libyaml-0-2"},
		"libcurl4-openssl-dev":       {"libcurl4"},
		"libgmp-dev":                 {"libgmp10"},
		"libmagic-dev":               {"libmagic1"},
		"libldap2-dev":               {"libldap-2.5-0"},
		"libsasl2-dev":               {"libsasl2-2"},
		"libkrb5-dev":                {"libkrb5-3", "libgssapi-krb5-2"},
		"libgeos-dev":                {"libgeos-c1v5"},
		"libproj-dev":                {"libproj25"},
		"libgdal-dev":                {"libgdal32"},
		"libbz2-dev":                 {"libbz2-1.0"},
		"liblzma-dev":                {"liblzma5"},
		"libzstd-dev":                {"libzstd1"},
		"libreadline-dev":            {"libreadline8"},
		"libncurses-dev":             {"libncursesw6"},
		"libncurses5-dev":            {"libncurses6"},
		"libpcre3-dev":               {"libpcre3"},
		"libpcre2-dev":               {"libpcre2-8-0"},
		"libevent-dev":               {"libevent-2.1-7"},
		"libsnappy-dev":              {"libsnappy1v5"},
		"libcairo2-dev":              {"libcairo2"},
		"libpango1.0-dev":            {"libpango-1.0-0", "libpangocairo-1.0-0"},
		"libgdk-pixbuf2.0-dev":       {"libgdk-pixbuf-2.0-0"},
		"libharfbuzz-dev":            {"libharfbuzz0b"},
		"libfribidi-dev":             {"libfribidi0"},
		"libxmlsec1-dev":             {"libxmlsec1", "libxmlsec1-openssl"},
		"libblas-dev":                {"libblas3"},
		"liblapack-dev":              {"liblapack3"},
		"libopenblas-dev":            {"libopenblas0"},
		"libhdf5-dev":                {"libhdf5-103-1"},
		"libsodium-dev":              {"libsodium23"},
		"libmimalloc-dev":            {"libmimalloc2.0"},
		"libgomp1":                   {"libgomp1"},
		"unixodbc-dev":               {"unixodbc", "libodbc2"},
		"freetds-dev":                {"libsybdb5"},
		"librdkafka-dev":             {"librdkafka1"},
		"libgl1-mesa-dev":            {"libgl1"},
		"libglib2.0-dev":             {"libglib2.0-0"},
		"libsm-dev":                  {"libsm6"},
		"libxext-dev":                {"libxext6"},
		"libxrender-dev":             {"libxrender1"},
		// headers whose runtime part every base image has (the interpreter, the C library)
		"python3-dev": nil, "python-dev": nil, "python3.11-dev": nil, "libc6-dev": nil, "libc-dev": nil,
	}
})
