#!/usr/bin/env bash
# with-junk.sh EXAMPLE DEST
#
# Copies examples/EXAMPLE (forecastin-api, node-api or go-api) to DEST and adds the junk a
# real working copy has but git cannot or should not hold: a real .git/ with a few MB of
# history, and per ecosystem a virtualenv, tool caches, node_modules caches, stale build
# outputs and logs. The copy is what `dockopt optimize` / `dockopt measure` and the
# end-to-end test use as a realistic build context; the tracked example is never touched.
#
# The junk is random (incompressible) bytes of fixed sizes, so context and image sizes
# are the same from run to run. Sizes: about 4 MB of .git for every example, plus
# forecastin-api ~6 MB, node-api ~5 MB, go-api ~6 MB.
set -euo pipefail

usage() { echo "usage: $0 forecastin-api|node-api|go-api DEST" >&2; exit 2; }
[ $# -eq 2 ] || usage
example=$1 dest=$2
here=$(cd "$(dirname "$0")" && pwd)
src=$here/$example
case $example in forecastin-api|node-api|go-api) ;; *) usage ;; esac
[ -f "$src/Dockerfile" ] || { echo "with-junk: $src/Dockerfile not found" >&2; exit 1; }
if [ -e "$dest" ] && [ -n "$(ls -A "$dest")" ]; then
	echo "with-junk: $dest exists and is not empty" >&2
	exit 1
fi
dest=$(realpath -m "$dest")
case $dest/ in "$here"/*) echo "with-junk: DEST must be outside $here" >&2; exit 1 ;; esac
mkdir -p "$dest"

# Copy the example as tracked by git when possible (no local node_modules/dist), else as is.
if git -C "$here" ls-files --error-unmatch "$example/Dockerfile" >/dev/null 2>&1; then
	(cd "$here/$example" && git ls-files -z . | xargs -0 cp --parents -t "$dest")
else
	cp -a "$src/." "$dest/"
fi

# blob FILE KB: a file of KB kibibytes of random bytes.
blob() {
	mkdir -p "$(dirname "$dest/$1")"
	head -c "$(($2 * 1024))" /dev/urandom >"$dest/$1"
}

# A real repository: the example committed, then a large asset added and removed again,
# the way binary files linger in .git/objects long after they left the tree.
git_junk() {
	local g=(git -C "$dest" -c user.name="Dev Eloper" -c user.email=dev@example.invalid
		-c commit.gpgsign=false -c init.defaultBranch=main)
	"${g[@]}" init -q
	"${g[@]}" add -A
	"${g[@]}" commit -q -m "initial import"
	blob assets/demo-recording.webm 4096
	"${g[@]}" add assets
	"${g[@]}" commit -q -m "add demo recording"
	"${g[@]}" rm -q -r assets
	"${g[@]}" commit -q -m "remove demo recording (too big)"
}

case $example in
forecastin-api)
	git_junk
	mkdir -p "$dest/.venv/bin" "$dest/.venv/lib/python3.11/site-packages"
	printf 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n' >"$dest/.venv/pyvenv.cfg"
	printf '# This file must be used with "source bin/activate"\nVIRTUAL_ENV=%s/.venv\nexport VIRTUAL_ENV\n' "$dest" >"$dest/.venv/bin/activate"
	blob .venv/lib/python3.11/site-packages/psycopg2/_psycopg.cpython-311-x86_64-linux-gnu.so 3072
	blob .venv/lib/python3.11/site-packages/pydantic/fields.cpython-311-x86_64-linux-gnu.so 1536
	mkdir -p "$dest/.pytest_cache/v/cache"
	echo '{"tests/test_app.py::AppTest::test_websocket_echo": true}' >"$dest/.pytest_cache/v/cache/lastfailed"
	blob .mypy_cache/3.11/main.data.json 256
	blob uvicorn.log 1024
	;;
node-api)
	git_junk
	blob node_modules/.cache/ts-node/3f1c2a9e.json 2048
	blob node_modules/.cache/eslint/.eslintcache 1024
	mkdir -p "$dest/dist"
	echo '"use strict"; // stale output of an old build' >"$dest/dist/server.js"
	blob coverage/lcov-report/index.html 512
	blob .npm/_cacache/content-v2/sha512/ab/cd/0123 1536
	;;
go-api)
	git_junk
	blob bin/go-api 5120
	blob coverage.out 256
	blob tmp/build-errors.log 512
	;;
esac

echo "with-junk: $example copied to $dest with junk ($(du -sh "$dest" | cut -f1))"
