#!/usr/bin/env bash
# Builds local stand-ins for the base images dockopt's examples and end-to-end tests use, on a
# machine that cannot pull from any registry. Each is tagged with the real name (python:3.11,
# node:20, golang:1.26, ...) and labelled org.dockopt.standin=true, org.dockopt.standin.for=NAME,
# org.dockopt.standin.real-size=~SIZE, org.dockopt.recipe=HASH.
#
#   testdata/bases/build.sh           build what is missing or out of date (seconds when all is)
#   testdata/bases/build.sh --force   rebuild everything, debootstrap included
#
# 1. debootstrap --variant=minbase bookworm (this machine's Debian mirror), set up like the
#    official debian image (rootfs-setup.sh), `docker import` -> dockopt/bookworm-minbase:latest,
#    also tagged debian:bookworm. The rootfs tarball is kept in the cache for re-imports.
# 2. Ordinary Dockerfiles in this directory, built with BuildKit and --network host (apt-get
#    uses the host's mirror): debian:bookworm-slim, buildpack-deps:bookworm-{curl,scm,} and
#    python:3.11, python:3.11-slim, node:20, node:20-slim, nginx:1.22, redis:7, golang:1.26,
#    eclipse-temurin:17-jdk, eclipse-temurin:17-jre, rust:1 and the Dockerfile frontend
#    docker/dockerfile:1 (BuildKit's, from the Go module proxy). Node.js 20 and Go are
#    copied from this machine (node --version must be v20.x; Go from `go env GOROOT`); yarn
#    classic is `npm pack`ed from this machine's npm registry, as the official images carry it;
#    /.yarnrc.yml points yarn 2+ (berry) to that registry (`npm config get registry`).
#    The distroless Debian 12 images (gcr.io/distroless/{static,base,python3,nodejs20}-debian12,
#    latest and nonroot) come from distroless.Dockerfile: Debian packages unpacked, no shell.
# An image is skipped when its tag exists and its recipe label matches the hash of its
# Dockerfile, its inputs and its parent's recipe, so a changed parent rebuilds its children.
#
# Cache (rootfs tarball, build contexts, logs): ${DOCKOPT_CACHE:-~/.cache/dockopt}/bases.
# Needs: a running Docker engine, debootstrap, apt-get, root (debootstrap).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${DOCKOPT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dockopt}/bases
force=0
for arg; do
	case $arg in
	--force) force=1 ;;
	-h | --help)
		sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "usage: $0 [--force]" >&2
		exit 2
		;;
	esac
done

export DOCKER_BUILDKIT=1
MINBASE=dockopt/bookworm-minbase:latest
PATH_ENV=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
START=$SECONDS
SUMMARY=() # "tag|real size (MB)|status"

log() { printf '%s bases: %s\n' "$(date +%T)" "$*"; }
die() {
	printf 'bases: error: %s\n' "$*" >&2
	exit 1
}
short_hash() { sha256sum | cut -c1-16; }
recipe_of() { docker image inspect -f '{{index .Config.Labels "org.dockopt.recipe"}}' "$1" 2>/dev/null || true; }
up_to_date() { [[ $force == 0 && "$(recipe_of "$1")" == "$2" ]]; }
image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }
labels() { # name real-size hash [what it is built from] -> docker build/import arguments
	printf '%s\n' --label org.dockopt.standin=true --label "org.dockopt.standin.for=$1" \
		--label "org.dockopt.standin.real-size=$2" --label "org.dockopt.recipe=$3" \
		--label "org.dockopt.standin.note=local stand-in built by testdata/bases/build.sh from ${4:-Debian bookworm packages}"
}

docker info >/dev/null 2>&1 || die "no Docker engine answers (docker info failed); start dockerd first"

# BuildKit: `docker buildx build --load` when buildx is there; else a docker CLI older than 23,
# whose `docker build` still uses the engine's BuildKit with DOCKER_BUILDKIT=1 (newer CLIs refuse
# without buildx; Debian's docker.io CLI is 20.10 but may be shadowed by a newer one on PATH).
BUILD=()
if docker buildx version >/dev/null 2>&1; then
	BUILD=(docker buildx build --load)
else
	IFS=: read -ra path_dirs <<<"$PATH"
	for dir in "${path_dirs[@]}"; do
		cli=$dir/docker
		[[ -x $cli ]] || continue
		v=$("$cli" version -f '{{.Client.Version}}' 2>/dev/null || true)
		if [[ ${v%%.*} =~ ^[0-9]+$ ]] && ((${v%%.*} < 23)); then
			BUILD=("$cli" build)
			break
		fi
	done
fi
((${#BUILD[@]})) || die "no BuildKit-capable docker CLI: install the buildx plugin or Debian's docker.io CLI"
mkdir -p "$cache/logs" "$cache/ctx/empty"

# ---- 1. minbase rootfs -------------------------------------------------------------------------
build_minbase() {
	local hash tarball=$cache/bookworm-minbase.tar rootfs=$cache/rootfs.tmp mirror old t0=$SECONDS
	hash=$({
		echo "debootstrap --variant=minbase --arch=amd64 bookworm v1"
		cat "$here/rootfs-setup.sh"
		cat /usr/local/share/ca-certificates/*.crt 2>/dev/null || true
	} | short_hash)
	if up_to_date "$MINBASE" "$hash"; then
		SUMMARY+=("$MINBASE|117|up to date")
		return
	fi
	if [[ $force == 1 || ! -s $tarball || "$(cat "$tarball.hash" 2>/dev/null)" != "$hash" ]]; then
		command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
		mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(TARGET_OF)' |
			awk '$2 == "bookworm" && $3 == "deb" {print $1; exit}')
		[[ -n $mirror ]] || die "no Debian bookworm repository in this machine's apt sources"
		log "debootstrap --variant=minbase bookworm (log: $cache/logs/debootstrap.log)"
		if [[ -d $rootfs ]]; then
			umount -R "$rootfs/proc" "$rootfs/sys" 2>/dev/null || true
			rm -rf --one-file-system "$rootfs"
		fi
		if ! debootstrap --variant=minbase --arch=amd64 bookworm "$rootfs" "$mirror" \
			>"$cache/logs/debootstrap.log" 2>&1; then
			tail -n 30 "$cache/logs/debootstrap.log" >&2
			die "debootstrap failed"
		fi
		"$here/rootfs-setup.sh" "$rootfs"
		tar --numeric-owner -C "$rootfs" -cf "$tarball.tmp" .
		mv "$tarball.tmp" "$tarball"
		echo "$hash" >"$tarball.hash"
		rm -rf --one-file-system "$rootfs"
	fi
	old=$(image_id "$MINBASE")
	log "docker import $MINBASE"
	mapfile -t lbl < <(labels debian:bookworm "~117MB" "$hash")
	local changes=()
	for ((i = 0; i < ${#lbl[@]}; i += 2)); do
		changes+=(--change "LABEL ${lbl[i + 1]%%=*}=\"${lbl[i + 1]#*=}\"")
	done
	docker import "${changes[@]}" --change "ENV PATH=$PATH_ENV" --change 'CMD ["bash"]' \
		"$tarball" "$MINBASE" >/dev/null
	SUMMARY+=("$MINBASE|117|built in $((SECONDS - t0))s")
	[[ -z $old || $old == "$(image_id "$MINBASE")" ]] || docker image rm "$old" >/dev/null 2>&1 || true
}

# ---- 2. Dockerfile-built images ------------------------------------------------------------------
# build TAG DOCKERFILE CONTEXT-DIR REAL-MB HASH-EXTRA PREP-FUNCTION [--build-arg ...]
build() {
	local tag=$1 dockerfile=$here/$2 ctx=$3 real=$4 extra=$5 prep=$6 parent hash old t0=$SECONDS
	shift 6
	parent=$(awk 'toupper($1) == "FROM" {print $2; exit}' "$dockerfile")
	[[ -n $(image_id "$parent") ]] || die "$tag: parent image $parent is missing"
	hash=$({
		cat "$dockerfile"
		echo "parent=$(recipe_of "$parent")"
		echo "$extra"
		[[ $prep == - ]] || cat "$here/node-entrypoint.sh"
	} | short_hash)
	if up_to_date "$tag" "$hash"; then
		SUMMARY+=("$tag|$real|up to date")
		return
	fi
	[[ $prep == - ]] || "$prep" "$ctx"
	old=$(image_id "$tag")
	log "docker build $tag (log: $cache/logs/${tag//[:\/]/_}.log)"
	local args=(--network host --progress plain -f "$dockerfile" -t "$tag")
	mapfile -t -O ${#args[@]} args < <(labels "$tag" "~${real}MB" "$hash")
	[[ $force == 0 ]] || args+=(--no-cache)
	if ! "${BUILD[@]}" "${args[@]}" "$@" "$ctx" >"$cache/logs/${tag//[:\/]/_}.log" 2>&1; then
		tail -n 40 "$cache/logs/${tag//[:\/]/_}.log" >&2
		die "building $tag failed (full log: $cache/logs/${tag//[:\/]/_}.log)"
	fi
	SUMMARY+=("$tag|$real|built in $((SECONDS - t0))s")
	[[ -z $old || $old == "$(image_id "$tag")" ]] || docker image rm "$old" >/dev/null 2>&1 || true
}

alias_tags() { # source tag...
	local src=$1
	shift
	for t; do docker tag "$src" "$t"; done
}

# Node.js 20 from this machine: the installed one if it is 20.x, else apt's nodejs 20 package.
NODE_PREFIX=
find_node() {
	local node cand
	node=$(command -v node || true)
	if [[ -n $node ]] && [[ "$("$node" --version 2>/dev/null)" == v20.* ]]; then
		NODE_PREFIX=$(dirname "$(dirname "$(readlink -f "$node")")")
	else
		cand=$(apt-cache policy nodejs 2>/dev/null | awk '/Candidate:/ {print $2}')
		[[ $cand == 20.* ]] || die "Node.js 20 not found: 'node --version' must print v20.x, or apt must offer nodejs 20.x (apt-cache policy nodejs)"
		rm -rf "$cache/nodejs-deb" && mkdir -p "$cache/nodejs-deb"
		(cd "$cache/nodejs-deb" && apt-get -o APT::Sandbox::User=root download -q "nodejs=$cand" >/dev/null)
		dpkg-deb -x "$cache"/nodejs-deb/nodejs_*.deb "$cache/nodejs-deb/root"
		NODE_PREFIX=$cache/nodejs-deb/root/usr
	fi
	[[ -x $NODE_PREFIX/bin/node && -d $NODE_PREFIX/lib/node_modules/npm ]] ||
		die "Node.js 20 at $NODE_PREFIX has no bin/node or lib/node_modules/npm"
}

prep_node() { # ctx: node.tar with usr/local/{bin,lib/node_modules,include} + the entrypoint
	local ctx=$1 stage=$1/stage
	[[ -s $ctx/node.tar && "$(cat "$ctx/node.tar.key" 2>/dev/null)" == "$NODE_KEY" ]] || {
		rm -rf "$ctx" && mkdir -p "$stage/usr/local/bin" "$stage/usr/local/lib/node_modules" "$stage/usr/local/include"
		cp -a "$NODE_PREFIX/bin/node" "$stage/usr/local/bin/"
		cp -a "$NODE_PREFIX/lib/node_modules/npm" "$stage/usr/local/lib/node_modules/"
		[[ ! -d $NODE_PREFIX/lib/node_modules/corepack ]] || cp -a "$NODE_PREFIX/lib/node_modules/corepack" "$stage/usr/local/lib/node_modules/"
		[[ ! -d $NODE_PREFIX/include/node ]] || cp -a "$NODE_PREFIX/include/node" "$stage/usr/local/include/"
		# yarn classic, as the official node images install it (/opt/yarn-vX, linked from
		# /usr/local/bin): the package from this machine's npm registry (`npm pack`)
		mkdir -p "$stage/opt/yarn-v$YARN_VERSION"
		(cd "$ctx" && npm pack --silent "yarn@$YARN_VERSION" >/dev/null)
		tar -xzf "$ctx/yarn-$YARN_VERSION.tgz" -C "$stage/opt/yarn-v$YARN_VERSION" --strip-components=1
		rm -f "$ctx/yarn-$YARN_VERSION.tgz"
		ln -s "/opt/yarn-v$YARN_VERSION/bin/yarn" "$stage/usr/local/bin/yarn"
		ln -s "/opt/yarn-v$YARN_VERSION/bin/yarnpkg" "$stage/usr/local/bin/yarnpkg"
		ln -s ../lib/node_modules/npm/bin/npm-cli.js "$stage/usr/local/bin/npm"
		ln -s ../lib/node_modules/npm/bin/npx-cli.js "$stage/usr/local/bin/npx"
		[[ ! -d $stage/usr/local/lib/node_modules/corepack ]] ||
			ln -s ../lib/node_modules/corepack/dist/corepack.js "$stage/usr/local/bin/corepack"
		tar --numeric-owner --owner=0 --group=0 -C "$stage" -cf "$ctx/node.tar" usr opt
		rm -rf "$stage"
		echo "$NODE_KEY" >"$ctx/node.tar.key"
	}
	cp "$here/node-entrypoint.sh" "$ctx/"
}

prep_go() { # ctx: go.tar with go/... (this machine's GOROOT)
	local ctx=$1
	[[ -s $ctx/go.tar && "$(cat "$ctx/go.tar.key" 2>/dev/null)" == "$GO_KEY" ]] && return
	rm -rf "$ctx" && mkdir -p "$ctx"
	tar --numeric-owner --owner=0 --group=0 -C "$(dirname "$GOROOT")" \
		--transform "s,^$(basename "$GOROOT"),go," -cf "$ctx/go.tar" "$(basename "$GOROOT")"
	echo "$GO_KEY" >"$ctx/go.tar.key"
}

build_minbase
alias_tags "$MINBASE" debian:bookworm debian:12
build debian:bookworm-slim debian-bookworm-slim.Dockerfile "$cache/ctx/empty" 75 "" -
alias_tags debian:bookworm-slim debian:12-slim
build buildpack-deps:bookworm-curl buildpack-deps-bookworm-curl.Dockerfile "$cache/ctx/empty" 0 "" -
build buildpack-deps:bookworm-scm buildpack-deps-bookworm-scm.Dockerfile "$cache/ctx/empty" 0 "" -
build buildpack-deps:bookworm buildpack-deps-bookworm.Dockerfile "$cache/ctx/empty" 0 "" -

build python:3.11 python-3.11.Dockerfile "$cache/ctx/empty" 1010 "" -
alias_tags python:3.11 python:3.11-bookworm
build python:3.11-slim python-3.11-slim.Dockerfile "$cache/ctx/empty" 130 "" -
alias_tags python:3.11-slim python:3.11-slim-bookworm

# npm registry: bake this machine's setting into the images' npmrc only when it is not npm's
# default; yarn berry's (YARN_REGISTRY, /.yarnrc.yml) always, as its own default is another host.
find_node
NPM_REGISTRY=
YARN_REGISTRY=
if command -v npm >/dev/null; then
	tmpc=$(mktemp -d)
	host_reg=$(npm config get registry 2>/dev/null || true)
	default_reg=$(env -u npm_config_registry -u NPM_CONFIG_REGISTRY npm config get registry \
		--userconfig="$tmpc/u" --globalconfig="$tmpc/g" 2>/dev/null || true)
	rm -rf "$tmpc"
	[[ -z $host_reg || $host_reg == "$default_reg" ]] || NPM_REGISTRY=$host_reg
	YARN_REGISTRY=$host_reg
fi
YARN_VERSION=1.22.22
NODE_KEY="node=$("$NODE_PREFIX/bin/node" --version) yarn=$YARN_VERSION npm=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$NODE_PREFIX/lib/node_modules/npm/package.json" | head -1)"
# This machine's local CAs (copied into the minbase by rootfs-setup.sh) for Node.js.
NODE_CA=
! compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null || NODE_CA=/usr/local/share/dockopt/host-ca.pem
node_args=(--build-arg "NPM_REGISTRY=$NPM_REGISTRY" --build-arg "YARN_REGISTRY=$YARN_REGISTRY" --build-arg "NODE_EXTRA_CA_CERTS=$NODE_CA")
build node:20 node-20.Dockerfile "$cache/ctx/node" 1100 "$NODE_KEY registry=$NPM_REGISTRY yarn-registry=$YARN_REGISTRY ca=$NODE_CA" prep_node \
	"${node_args[@]}"
alias_tags node:20 node:20-bookworm
build node:20-slim node-20-slim.Dockerfile "$cache/ctx/node" 200 "$NODE_KEY registry=$NPM_REGISTRY yarn-registry=$YARN_REGISTRY ca=$NODE_CA" prep_node \
	"${node_args[@]}"
alias_tags node:20-slim node:20-bookworm-slim

# distroless Debian 12 (gcr.io/distroless/*-debian12, tags latest and nonroot): one Dockerfile, one
# --target per tag, from Debian packages unpacked as the distroless project does (see
# distroless.Dockerfile for the layout and its sources); nodejs20 takes Node.js from node.tar.
# Real sizes (uncompressed, as `docker images` shows them): static about 2 MiB (the distroless
# README: "gcr.io/distroless/static-debian12, is around 2 MiB"); base 20.4 MB (base-debian11:nonroot
# in github.com/keptn/lifecycle-toolkit/issues/1087; no debian12 figure found); nodejs20 181 MB
# (`docker images` in github.com/GoogleContainerTools/distroless/issues/1482); python3: no
# published uncompressed size found, so it is not checked (0).
distroless_real() { case $1 in static) echo 2 ;; base) echo 20 ;; nodejs20) echo 181 ;; *) echo 0 ;; esac; }
for flavor in static base python3 nodejs20; do
	for variant in latest nonroot; do
		target=$flavor
		[[ $variant == latest ]] || target=$flavor-$variant
		build "gcr.io/distroless/$flavor-debian12:$variant" distroless.Dockerfile "$cache/ctx/node" \
			"$(distroless_real "$flavor")" "$NODE_KEY target=$target" prep_node --target "$target"
	done
done

# nginx: Debian's nginx 1.22 package set up like the official image; context: nginx/ here.
build nginx:1.22 nginx-1.22.Dockerfile "$here/nginx" 142 "$(cat "$here"/nginx/* | short_hash)" -

# Dependencies a measured service starts with (dockopt measure --with-deps): Debian's
# redis-server 7.0 set up like the official redis:7; context: redis/ here. Also tagged
# redis:alpine and redis:7-alpine, the names compose files often give it (example-voting-app),
# still labelled as a stand-in for redis:7 (Debian's build, not Alpine's).
build redis:7 redis-7.Dockerfile "$here/redis" 117 "$(cat "$here"/redis/* | short_hash)" -
alias_tags redis:7 redis:7-bookworm redis:alpine redis:7-alpine

# Go: this machine's toolchain; GOPROXY/GOSUMDB baked in only when they differ from go.env's.
GOROOT=$(go env GOROOT 2>/dev/null || echo /usr/local/go)
[[ -x $GOROOT/bin/go ]] || die "no Go toolchain found (go env GOROOT, /usr/local/go)"
GO_VERSION=$(head -1 "$GOROOT/VERSION")
GO_VERSION=${GO_VERSION#go}
GO_MINOR=$(echo "$GO_VERSION" | cut -d. -f1,2)
goenv_default() { sed -n "s/^$1=//p" "$GOROOT/go.env" 2>/dev/null | head -1; }
GOPROXY_OVERRIDE=$("$GOROOT/bin/go" env GOPROXY)
[[ $GOPROXY_OVERRIDE != "$(goenv_default GOPROXY)" ]] || GOPROXY_OVERRIDE=
GOSUMDB_OVERRIDE=$("$GOROOT/bin/go" env GOSUMDB)
[[ $GOSUMDB_OVERRIDE != "$(goenv_default GOSUMDB)" ]] || GOSUMDB_OVERRIDE=
GO_KEY="go=$GO_VERSION"
build "golang:$GO_MINOR" golang.Dockerfile "$cache/ctx/go" 800 \
	"$GO_KEY proxy=$GOPROXY_OVERRIDE sumdb=$GOSUMDB_OVERRIDE" prep_go \
	--build-arg "GOLANG_VERSION=$GO_VERSION" --build-arg "GOPROXY_OVERRIDE=$GOPROXY_OVERRIDE" \
	--build-arg "GOSUMDB_OVERRIDE=$GOSUMDB_OVERRIDE"
alias_tags "golang:$GO_MINOR" "golang:$GO_MINOR-bookworm" "golang:$GO_VERSION" "golang:$GO_VERSION-bookworm"

# Java and Rust: Debian bookworm's OpenJDK 17 (eclipse-temurin:17-jdk and :17-jre) and Rust
# 1.63 with cargo (rust:1); Maven Central and crates.io are not reachable, so the real-world
# Java and Rust services have no third-party dependencies.
build eclipse-temurin:17-jdk eclipse-temurin-17-jdk.Dockerfile "$cache/ctx/empty" 410 "" -
alias_tags eclipse-temurin:17-jdk eclipse-temurin:17
build eclipse-temurin:17-jre eclipse-temurin-17-jre.Dockerfile "$cache/ctx/empty" 265 "" -
build rust:1 rust-1.Dockerfile "$cache/ctx/empty" 1500 "" -
alias_tags rust:1 rust:1-bookworm rust:latest

# The Dockerfile frontend for `# syntax=docker/dockerfile:1` lines (heredocs, COPY --chmod...):
# BuildKit's dockerfile-frontend at the version go.mod requires, built from the Go module proxy
# as its own Dockerfile builds it (CGO off, static tags), in a FROM scratch image with the same
# labels and entrypoint. The engine's BuildKit runs a frontend image from its image store, so
# `# syntax=` lines build without a registry. Not size-checked: the real image is multi-arch.
build_frontend() {
	local repo bk_version bk_dir ctx=$cache/ctx/frontend hash old tags t0=$SECONDS
	repo=$(cd "$here/../.." && pwd)
	bk_version=$(cd "$repo" && go list -m -f '{{.Version}}' github.com/moby/buildkit)
	hash=$({
		cat "$here/dockerfile-frontend.Dockerfile"
		echo "buildkit=$bk_version go=$(go env GOVERSION) labels=2"
	} | short_hash)
	tags=(docker/dockerfile:1 docker/dockerfile:1.4 docker/dockerfile:1.5 docker/dockerfile:1.6 docker/dockerfile:1.7)
	if up_to_date docker/dockerfile:1 "$hash"; then
		SUMMARY+=("docker/dockerfile:1|0|up to date")
		alias_tags docker/dockerfile:1 "${tags[@]:1}"
		return
	fi
	bk_dir=$(cd "$repo" && go mod download -json "github.com/moby/buildkit@$bk_version" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
	mkdir -p "$ctx"
	log "go build dockerfile-frontend (BuildKit $bk_version)"
	(cd "$bk_dir" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.Version=$bk_version-stand-in" \
		-tags "netgo static_build osusergo" -o "$ctx/dockerfile-frontend" ./frontend/dockerfile/cmd/dockerfile-frontend)
	old=$(image_id docker/dockerfile:1)
	local args=(--progress plain -f "$here/dockerfile-frontend.Dockerfile" -t docker/dockerfile:1
		--label "org.dockopt.frontend.buildkit=$bk_version")
	mapfile -t -O ${#args[@]} args < <(labels docker/dockerfile:1 "not compared" "$hash" \
		"BuildKit $bk_version's dockerfile-frontend, built from the Go module proxy")
	"${BUILD[@]}" "${args[@]}" "$ctx" >"$cache/logs/docker_dockerfile.log" 2>&1 ||
		die "building docker/dockerfile:1 failed (log: $cache/logs/docker_dockerfile.log)"
	alias_tags docker/dockerfile:1 "${tags[@]:1}"
	SUMMARY+=("docker/dockerfile:1|0|built in $((SECONDS - t0))s")
	[[ -z $old || $old == "$(image_id docker/dockerfile:1)" ]] || docker image rm "$old" >/dev/null 2>&1 || true
}
build_frontend

# Old copies replaced by rebuilds (untagged stand-ins) are removed.
docker image prune -f --filter label=org.dockopt.standin=true >/dev/null

# ---- summary --------------------------------------------------------------------------------------
echo
echo "| image | stand-in size | real image (about) | within ±30% | this run |"
echo "|---|---:|---:|---|---|"
bad=0
for row in "${SUMMARY[@]}"; do
	IFS='|' read -r tag real status <<<"$row"
	size=$(docker image inspect -f '{{.Size}}' "$tag")
	mb=$((size / 1000000))
	((mb >= 10)) || mb=$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }') # static images: 1.8 MB
	if [[ $real == 0 ]]; then
		ok="" realcol="—"
	else
		realcol="$real MB"
		# compared in bytes: a 2 MB image must not fail on rounding
		if ((size * 100 >= real * 70000000 && size * 100 <= real * 130000000)); then ok=yes; else
			ok=NO
			bad=1
		fi
	fi
	echo "| \`$tag\` | $mb MB | $realcol | $ok | $status |"
done
echo
log "done in $((SECONDS - START))s"
((bad == 0)) || echo "bases: warning: some stand-ins are not within ±30% of the real image's size" >&2
