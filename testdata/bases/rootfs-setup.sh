#!/usr/bin/env bash
# Turns a fresh `debootstrap --variant=minbase bookworm DIR` tree into what Docker's official
# debian:bookworm image looks like: Docker's apt settings (no .deb cache kept, no translations,
# gzipped indexes, suggests not kept), empty apt lists, no logs. Called by build.sh as
#   rootfs-setup.sh DIR
# The apt sources are this machine's Debian sources (read from apt at run time), so builds FROM
# the stand-ins use the same mirror as the host; its local CA certificates are added too.
set -euo pipefail
root=$1
[[ -x $root/usr/bin/apt-get ]] || { echo "rootfs-setup: $root is not a Debian tree" >&2; exit 1; }

# Docker's apt configuration, as in the official debian images (debuerreotype).
cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'CONF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
CONF
echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
printf 'Acquire::GzipIndexes "true";\nAcquire::CompressionTypes::Order:: "gz";\n' \
	>"$root/etc/apt/apt.conf.d/docker-gzip-indexes"
echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$root/etc/apt/apt.conf.d/docker-autoremove-suggests"

# Sources: the host's Debian bookworm repositories (same mirror, resolved at run time).
sources=$root/etc/apt/sources.list.d/debian.sources
: >"$sources"
apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(TARGET_OF)' |
	awk '$3 == "deb" && $2 ~ /^bookworm(-updates|-security)?$/ {print $1, $2}' | sort -u |
	while read -r uri suite; do
		printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n' \
			"$uri" "$suite" >>"$sources"
	done
if [[ ! -s $sources ]]; then
	echo "rootfs-setup: no Debian bookworm repository configured in apt on this machine" >&2
	exit 1
fi
rm -f "$root/etc/apt/sources.list"

# This machine's local CA certificates (a TLS-intercepting proxy's CA, a company CA), so that
# builds FROM the stand-ins reach the npm registry and the Go proxy as the host does: any later
# `apt-get install ca-certificates` adds them to /etc/ssl/certs, and the node images point
# NODE_EXTRA_CA_CERTS at the concatenation (Node.js does not read the system store).
shopt -s nullglob
host_cas=(/usr/local/share/ca-certificates/*.crt)
if ((${#host_cas[@]})); then
	mkdir -p "$root/usr/local/share/ca-certificates" "$root/usr/local/share/dockopt"
	cp "${host_cas[@]}" "$root/usr/local/share/ca-certificates/"
	cat "${host_cas[@]}" >"$root/usr/local/share/dockopt/host-ca.pem"
fi

# Empty caches and logs; no machine identity.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
mkdir -p "$root/var/lib/apt/lists/partial"
find "$root/var/log" -type f -delete
rm -f "$root/var/cache/ldconfig/aux-cache" "$root/etc/hostname"
: >"$root/etc/machine-id" 2>/dev/null || true
