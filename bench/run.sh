#!/usr/bin/env bash
# Benchmarks dockopt over ../shared/corpus in one process: files/s and MB/s for BuildKit's
# parser alone, parser + instructions, dockopt's model, lint (one core and all cores) and
# fix; then peak RSS of `dockopt lint` over the whole corpus, and the start-up time of
# `dockopt lint` on one small file. Prints the figures; copy them into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
[ -d "$corpus" ] || { echo "no corpus at $corpus: nothing to benchmark"; exit 0; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
go test ./corpus -run '^$' -bench . -benchtime "${BENCHTIME:-3x}" -cpu 1 | grep -E '^Benchmark|^ok'
go test ./corpus -run '^$' -bench 'LintParallel' -benchtime "${BENCHTIME:-3x}" -cpu 2 | grep -E '^Benchmark'
go build -o /tmp/dockopt-bench ./cmd/dockopt
/usr/bin/time -v /tmp/dockopt-bench lint --no-context --failure-threshold none --format json "$corpus" >/dev/null 2>/tmp/dockopt-bench.time || true
echo "dockopt lint whole corpus (2 cores): wall $(grep 'Elapsed (wall' /tmp/dockopt-bench.time | awk '{print $NF}'), peak RSS $(grep 'Maximum resident' /tmp/dockopt-bench.time | awk '{print $NF}') KiB"
printf 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n' > /tmp/dockopt-bench.Dockerfile
start=$(date +%s%N); for _ in $(seq 20); do /tmp/dockopt-bench lint --no-context /tmp/dockopt-bench.Dockerfile >/dev/null || true; done; end=$(date +%s%N)
echo "dockopt lint one small file: $(( (end - start) / 20000000 )) ms wall per run (mean of 20)"
