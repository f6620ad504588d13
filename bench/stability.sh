#!/usr/bin/env bash
# Reruns `dockopt measure` on the examples and compares the runs (issue 12: "rerunning measure
# on the same example three times gives the same verdicts every time; every image size of the
# three examples varies by under 1%").
#
#   bench/stability.sh [EXAMPLE...]      default: forecastin-api go-api node-api
#   REPEATS=3 RUNS=3 bench/stability.sh  measure runs per example, and measure's --runs
#
# For each example: `dockopt optimize` once, then REPEATS x `dockopt measure --format json`
# (default flags: cold builds, code-only rebuilds and container runs, RUNS of each). It prints
# per example the verdicts that differ between repeats (none when stable), each image's
# uncompressed and compressed size with the spread (max-min)/min in percent, and measure's
# own overhead (timing.overhead_ratio: wall time / the engine's time for builds and runs;
# min / median / max over the repeats). Needs the engine, the local base images
# (testdata/bases/build.sh) and the offline Python index (testdata/bases/pyindex/serve.sh).
# Exit 1 when a verdict changes or a size spreads by 1% or more.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${REPEATS:-3}
runs=${RUNS:-3}
examples=("$@")
((${#examples[@]})) || examples=(forecastin-api go-api node-api)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/dockopt" ./cmd/dockopt
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
for ex in "${examples[@]}"; do
	out="$tmp/$ex"
	"$tmp/dockopt" optimize "examples/$ex" --out "$out" >/dev/null
	for i in $(seq "$repeats"); do
		start=$(date +%s)
		"$tmp/dockopt" measure "examples/$ex" --out "$out" --network host --format json --runs "$runs" >"$tmp/$ex.$i.log" 2>&1 || true
		cp "$out/dockopt-report.json" "$tmp/$ex.$i.json"
		echo "$ex: measure $i of $repeats took $(($(date +%s) - start)) s (load $(cut -d' ' -f1 /proc/loadavg))"
	done
	python3 - "$ex" "$repeats" "$tmp" <<'EOF' || status=1
import json, statistics, sys
ex, repeats, tmp = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = [json.load(open(f"{tmp}/{ex}.{i}.json"))["metrics"] for i in range(1, repeats + 1)]
ok = True
def verdict(c):
    return "not run" if c.get("not_run") else "no verdict" if c.get("undecided") else "ok" if c.get("ok") else "no"
names = [c["name"] for c in docs[0]["checks"]]
for d in docs[1:]:
    names += [c["name"] for c in d["checks"] if c["name"] not in names]
changed = []
for n in names:
    vs = [next((verdict(c) for c in d["checks"] if c["name"] == n), "absent") for d in docs]
    if len(set(vs)) > 1:
        changed.append(f"{n}: {' / '.join(vs)}")
print(f"{ex}: {len(names)} verdicts, {len(changed)} changed between the {repeats} runs")
for c in changed:
    print("  changed:", c)
ok = ok and not changed
for side in ("original", "optimized"):
    for key in ("size_bytes", "compressed_size_bytes"):
        xs = [d[side][key] for d in docs]
        spread = (max(xs) - min(xs)) / min(xs) * 100 if min(xs) else float("inf")
        print(f"  {side} {key}: {' / '.join(map(str, xs))} (spread {spread:.3f}%)")
        ok = ok and spread < 1
ratios = [d["timing"]["overhead_ratio"] for d in docs if d.get("timing")]
if ratios:
    print(f"  measure overhead (wall / engine time): min {min(ratios):.2f}, median {statistics.median(ratios):.2f}, max {max(ratios):.2f}")
sys.exit(0 if ok else 1)
EOF
done
exit $status
