#!/usr/bin/env bash
# Start-up time of `dockopt version`: dockopt built from the work tree, and with BEFORE=REV
# (a commit, branch or tag) dockopt built from REV, and a hello-world Go program (the floor of
# any Go binary on this machine), alternating in the same run: ROUNDS rounds (default 20) of
# RUNS runs (default 5) of each program (hyperfine -N, 2 warm-up runs), the order rotating
# every round, so that the load of a shared machine falls on all of them alike.
#
# The programs are built as `go build` builds them here; CGO_ENABLED=0 (as the Dockerfile
# builds dockopt's image) gives the static binary. STATIC_TOO=1 adds a static build of each
# dockopt (after-static, before-static) to the same rounds.
#
# Prints, per program, wall time in ms over all its runs (min / median / mean / max) and CPU
# time (user + sys, the per-round means' median), with the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-20}
runs=${RUNS:-5}
command -v hyperfine >/dev/null || { echo "needs hyperfine"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/after" ./cmd/dockopt
names=(after)
if [ -n "${STATIC_TOO:-}" ]; then
	CGO_ENABLED=0 go build -o "$tmp/after-static" ./cmd/dockopt
	names+=(after-static)
fi
if [ -n "${BEFORE:-}" ]; then
	mkdir "$tmp/before-src"
	git archive "$BEFORE" | tar -x -C "$tmp/before-src"
	(cd "$tmp/before-src" && go build -o "$tmp/before" ./cmd/dockopt)
	names+=(before)
	if [ -n "${STATIC_TOO:-}" ]; then
		(cd "$tmp/before-src" && CGO_ENABLED=0 go build -o "$tmp/before-static" ./cmd/dockopt)
		names+=(before-static)
	fi
fi
mkdir "$tmp/hello-src"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' >"$tmp/hello-src/main.go"
(cd "$tmp/hello-src" && go mod init hello >/dev/null 2>&1 && go build -o "$tmp/hello" .)
names+=(hello)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq "$rounds"); do
	n=${#names[@]}
	for i in $(seq 0 $((n - 1))); do
		name=${names[$(((i + r) % n))]}
		cmd="$tmp/$name version"
		[ "$name" = hello ] && cmd="$tmp/hello"
		hyperfine -N -w 2 -r "$runs" --export-json "$tmp/$name.$r.json" "$cmd" >/dev/null 2>&1
	done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "start-up, ${rounds} rounds x ${runs} runs each, alternating (hyperfine -N), CGO_ENABLED=$(go env CGO_ENABLED); load average before $load_before, after $load_after"
python3 - "$tmp" "${names[@]}" <<'PY'
import glob, json, statistics, sys
tmp, names = sys.argv[1], sys.argv[2:]
print(f"{'':13} {'min':>7} {'median':>7} {'mean':>7} {'max':>7}   CPU ms (median of rounds)")
for n in names:
    wall, cpu = [], []
    for f in glob.glob(f"{tmp}/{n}.[0-9]*.json"):
        res = json.load(open(f))["results"][0]
        wall += [t * 1000 for t in res["times"]]
        cpu.append((res["user"] + res["system"]) * 1000)
    print(f"{n:13} {min(wall):7.1f} {statistics.median(wall):7.1f} {statistics.mean(wall):7.1f} {max(wall):7.1f}   {statistics.median(cpu):.1f}   ({len(wall)} runs)")
PY
