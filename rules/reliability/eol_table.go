package reliability

// The end-of-life table of DO410 (eol-base-image): releases of official base images and the
// date their project stopped publishing fixes for them. Each product cites the page its dates
// come from; the table was last checked on eolTableChecked. A release that is not listed is
// never reported, so a release reaching its end of life after that date is missed until the
// table is updated (add it here, with the date from the same page).

const eolTableChecked = "2026-12-06"

// eolProduct is one project's releases.
type eolProduct struct {
	// Name is the project as people say it ("Python", "Debian").
	Name string
	// Images are the repositories (ImageRef.Familiar) whose tag starts with the release:
	// python:3.7-slim is Python 3.7.
	Images []string
	// Suffixes is true when the release also appears as a part of another image's tag
	// (python:3.11-slim-buster is Debian buster; node:18-alpine3.16 is Alpine 3.16).
	Suffixes bool
	// SuffixPrefix is what precedes the release in such a tag part ("alpine" in alpine3.16).
	SuffixPrefix string
	// Source is the project's page the dates come from.
	Source   string
	Releases []eolRelease
}

// eolRelease is one release: the version or code names a tag starts with, and the last day
// of fixes (YYYY-MM-DD).
type eolRelease struct {
	Names []string
	EOL   string
}

var eolTable = []eolProduct{
	{Name: "Python", Images: []string{"python"}, Source: "https://devguide.python.org/versions/",
		Releases: []eolRelease{
			{[]string{"2.6"}, "2013-10-29"}, {[]string{"2.7", "2"}, "2020-01-01"},
			{[]string{"3.3"}, "2017-09-29"}, {[]string{"3.4"}, "2019-03-18"}, {[]string{"3.5"}, "2020-09-30"},
			{[]string{"3.6"}, "2021-12-23"}, {[]string{"3.7"}, "2023-06-27"}, {[]string{"3.8"}, "2024-10-07"},
			{[]string{"3.9"}, "2025-10-31"}, {[]string{"3.10"}, "2026-10-31"},
		}},
	{Name: "Node.js", Images: []string{"node"}, Source: "https://github.com/nodejs/Release#end-of-life-releases",
		Releases: []eolRelease{
			{[]string{"4", "argon"}, "2018-04-30"}, {[]string{"5"}, "2016-06-30"}, {[]string{"6", "boron"}, "2019-04-30"},
			{[]string{"7"}, "2017-06-30"}, {[]string{"8", "carbon"}, "2019-12-31"}, {[]string{"9"}, "2018-06-30"},
			{[]string{"10", "dubnium"}, "2021-04-30"}, {[]string{"11"}, "2019-06-01"}, {[]string{"12", "erbium"}, "2022-04-30"},
			{[]string{"13"}, "2020-06-01"}, {[]string{"14", "fermium"}, "2023-04-30"}, {[]string{"15"}, "2021-06-01"},
			{[]string{"16", "gallium"}, "2023-09-11"}, {[]string{"17"}, "2022-06-01"}, {[]string{"18", "hydrogen"}, "2025-04-30"},
			{[]string{"19"}, "2023-06-01"}, {[]string{"20", "iron"}, "2026-04-30"}, {[]string{"21"}, "2024-06-01"},
			{[]string{"23"}, "2025-06-01"},
		}},
	{Name: "Go", Images: []string{"golang"},
		Source: "https://go.dev/doc/devel/release (each release is supported until two newer major releases exist: the date is that release's)",
		Releases: []eolRelease{
			{[]string{"1.9"}, "2018-08-24"}, {[]string{"1.10"}, "2019-02-25"}, {[]string{"1.11"}, "2019-09-03"},
			{[]string{"1.12"}, "2020-02-25"}, {[]string{"1.13"}, "2020-08-11"}, {[]string{"1.14"}, "2021-02-16"},
			{[]string{"1.15"}, "2021-08-16"}, {[]string{"1.16"}, "2022-03-15"}, {[]string{"1.17"}, "2022-08-02"},
			{[]string{"1.18"}, "2023-02-01"}, {[]string{"1.19"}, "2023-08-08"}, {[]string{"1.20"}, "2024-02-06"},
			{[]string{"1.21"}, "2024-08-13"}, {[]string{"1.22"}, "2025-02-11"}, {[]string{"1.23"}, "2025-08-12"},
		}},
	{Name: "Ruby", Images: []string{"ruby"}, Source: "https://www.ruby-lang.org/en/downloads/branches/",
		Releases: []eolRelease{
			{[]string{"2.3"}, "2019-03-31"}, {[]string{"2.4"}, "2020-03-31"}, {[]string{"2.5"}, "2021-04-05"},
			{[]string{"2.6"}, "2022-04-12"}, {[]string{"2.7"}, "2023-03-31"}, {[]string{"3.0"}, "2024-04-23"},
			{[]string{"3.1"}, "2025-03-26"},
		}},
	{Name: "PHP", Images: []string{"php"}, Source: "https://www.php.net/eol.php",
		Releases: []eolRelease{
			{[]string{"5.6", "5"}, "2018-12-31"}, {[]string{"7.0"}, "2019-01-10"}, {[]string{"7.1"}, "2019-12-01"},
			{[]string{"7.2"}, "2020-11-30"}, {[]string{"7.3"}, "2021-12-06"}, {[]string{"7.4", "7"}, "2022-11-28"},
			{[]string{"8.0"}, "2023-11-26"}, {[]string{"8.1"}, "2025-12-31"},
		}},
	{Name: "Debian", Images: []string{"debian"}, Suffixes: true,
		Source: "https://wiki.debian.org/LTS (the end of Debian LTS, the last fixes Debian publishes)",
		Releases: []eolRelease{
			{[]string{"7", "wheezy"}, "2018-05-31"}, {[]string{"8", "jessie"}, "2020-06-30"},
			{[]string{"9", "stretch"}, "2022-06-30"}, {[]string{"10", "buster"}, "2024-06-30"},
			{[]string{"11", "bullseye"}, "2026-08-31"},
		}},
	{Name: "Ubuntu", Images: []string{"ubuntu"}, Suffixes: true,
		Source: "https://wiki.ubuntu.com/Releases (end of standard support; later fixes need Ubuntu Pro, which the image does not have)",
		Releases: []eolRelease{
			{[]string{"14.04", "trusty"}, "2019-04-30"}, {[]string{"16.04", "xenial"}, "2021-04-30"},
			{[]string{"18.04", "bionic"}, "2023-05-31"}, {[]string{"20.04", "focal"}, "2025-05-31"},
			{[]string{"22.10", "kinetic"}, "2023-07-20"}, {[]string{"23.04", "lunar"}, "2024-01-25"},
			{[]string{"23.10", "mantic"}, "2024-07-11"}, {[]string{"24.10", "oracular"}, "2025-07-10"},
		}},
	// Alpine: the "End of support" column of alpinelinux.org/releases, checked again on
	// 2026-12-06 against endoflife.date's scrape of that table (products/alpine-linux.md):
	// every date below matches it; 3.9 ends on 2020-11-01 (it said 2021-01-01 before), and
	// 3.1 to 3.4, which Docker Hub still serves, were added.
	{Name: "Alpine", Images: []string{"alpine"}, Suffixes: true, SuffixPrefix: "alpine",
		Source: "https://alpinelinux.org/releases/",
		Releases: []eolRelease{
			{[]string{"3.1"}, "2016-11-01"}, {[]string{"3.2"}, "2017-05-01"}, {[]string{"3.3"}, "2017-11-01"},
			{[]string{"3.4"}, "2018-05-01"}, {[]string{"3.5"}, "2018-11-01"}, {[]string{"3.6"}, "2019-05-01"}, {[]string{"3.7"}, "2019-11-01"},
			{[]string{"3.8"}, "2020-05-01"}, {[]string{"3.9"}, "2020-11-01"}, {[]string{"3.10"}, "2021-05-01"},
			{[]string{"3.11"}, "2021-11-01"}, {[]string{"3.12"}, "2022-05-01"}, {[]string{"3.13"}, "2022-11-01"},
			{[]string{"3.14"}, "2023-05-01"}, {[]string{"3.15"}, "2023-11-01"}, {[]string{"3.16"}, "2024-05-23"},
			{[]string{"3.17"}, "2024-11-22"}, {[]string{"3.18"}, "2025-05-09"}, {[]string{"3.19"}, "2025-11-01"},
			{[]string{"3.20"}, "2026-04-01"}, {[]string{"3.21"}, "2026-11-01"},
		}},
	{Name: "CentOS Linux", Images: []string{"centos"}, Source: "https://www.centos.org/centos-linux-eol/",
		Releases: []eolRelease{
			{[]string{"6", "centos6"}, "2020-11-30"}, {[]string{"7", "centos7"}, "2024-06-30"},
			{[]string{"8", "centos8"}, "2021-12-31"},
		}},
	{Name: ".NET", Images: []string{
		"mcr.microsoft.com/dotnet/sdk", "mcr.microsoft.com/dotnet/aspnet", "mcr.microsoft.com/dotnet/runtime",
		"mcr.microsoft.com/dotnet/runtime-deps", "mcr.microsoft.com/dotnet/core/sdk", "mcr.microsoft.com/dotnet/core/aspnet",
		"mcr.microsoft.com/dotnet/core/runtime", "mcr.microsoft.com/dotnet/core/runtime-deps"},
		Source: "https://dotnet.microsoft.com/en-us/platform/support/policy/dotnet-core",
		Releases: []eolRelease{
			{[]string{"2.1"}, "2021-08-21"}, {[]string{"2.2"}, "2019-12-23"}, {[]string{"3.0"}, "2020-03-03"},
			{[]string{"3.1"}, "2022-12-13"}, {[]string{"5.0"}, "2022-05-10"}, {[]string{"6.0"}, "2024-11-12"},
			{[]string{"7.0"}, "2024-05-14"}, {[]string{"8.0"}, "2026-11-10"},
		}},
}
