#!/usr/bin/env bash
# Benchmarks dockopt over ../shared/corpus.
#
# 1. Whole process, as users run it: `dockopt lint CORPUS` (default flags: build context,
#    text output) and BuildKit's own linter over the same files in one process
#    (bench/buildkitlint: dockerfile2llb.DockerfileLint), alternating, ROUNDS rounds (default
#    10). Wall and CPU time (user+sys, /usr/bin/time) with min/median/max, files/s, and the
#    CPU ratio dockopt / BuildKit (median of the per-round ratios: both ran back to back
#    under the same load).
#    With BEFORE=REV (a commit, branch or tag), dockopt built from REV runs in the same rounds
#    too (the three in turn, the order rotating), for a before/after in one run.
# 2. Start-up: `dockopt version` (hyperfine when installed, else a loop), STARTUP_RUNS runs;
#    with BEFORE, REV's start-up too.
# 3. With INPROCESS=1, the in-process benchmarks (go test ./corpus -bench .), BENCHTIME.
#
# The figures go to stdout and, between the markers below, into bench/RESULTS.md (the
# section is replaced; the rest of the file is kept). NO_WRITE=1 only prints.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/corpus}
rounds=${ROUNDS:-10}
startup_runs=${STARTUP_RUNS:-200}
[ -d "$corpus" ] || { echo "no corpus at $corpus: nothing to benchmark"; exit 0; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
commit=$(git rev-parse --short HEAD 2>/dev/null || echo none)
CGO_ENABLED=0 go build -o "$tmp/dockopt" ./cmd/dockopt # as README installs it
go build -o "$tmp/buildkitlint" ./bench/buildkitlint
before=${BEFORE:-}
if [ -n "$before" ]; then
	before_commit=$(git rev-parse --short "$before")
	mkdir "$tmp/before-src"
	git archive "$before" | tar -x -C "$tmp/before-src"
	(cd "$tmp/before-src" && CGO_ENABLED=0 go build -o "$tmp/dockopt-before" ./cmd/dockopt)
fi
nfiles=$(find "$corpus" -type f \( -name '*Dockerfile*' -o -name '*Containerfile*' \) ! -name '*.dockerignore' | wc -l)

# stats FILE [FORMAT]: "min median max" of the numbers in FILE, one per line
stats() { sort -g "$1" | awk -v f="${2:-%.3f}" '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf f " " f " " f, v[1], m, v[NR]}'; }
# timed NAME CMD...: runs CMD (stdout discarded), appends its wall and CPU seconds
timed() {
	local name=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || true
	read -r wall user sys rss < <(tail -n1 "$tmp/t") # a failing command adds a line before
	echo "$wall" >>"$tmp/$name.wall"
	echo "$((rss / 1024))" >>"$tmp/$name.rss"
	awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.3f\n", u+s}' >>"$tmp/$name.cpu"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$tmp/dockopt" lint "$corpus" >/dev/null 2>&1 || true # warm the page cache
"$tmp/buildkitlint" "$corpus" >/dev/null 2>&1 || true
run_one() {
	case $1 in
	dockopt) timed dockopt "$tmp/dockopt" lint "$corpus" ;;
	buildkit) timed buildkit "$tmp/buildkitlint" "$corpus" ;;
	before) timed before "$tmp/dockopt-before" lint "$corpus" ;;
	esac
}
order=(dockopt buildkit)
[ -n "$before" ] && order=(dockopt buildkit before)
for i in $(seq "$rounds"); do
	n=${#order[@]}
	for k in $(seq 0 $((n - 1))); do
		run_one "${order[$(((k + i) % n))]}"
	done
done
paste "$tmp/dockopt.cpu" "$tmp/buildkit.cpu" | awk '{printf "%.3f\n", $1/$2}' >"$tmp/ratio"
if [ -n "$before" ]; then
	"$tmp/dockopt-before" lint "$corpus" >"$tmp/before.out" 2>&1 || true
	"$tmp/dockopt" lint "$corpus" >"$tmp/after.out" 2>&1 || true
	same_output=$(cmp -s "$tmp/before.out" "$tmp/after.out" && echo "byte-identical" || echo "DIFFERENT")
	paste "$tmp/before.cpu" "$tmp/buildkit.cpu" | awk '{printf "%.3f\n", $1/$2}' >"$tmp/ratio-before"
	paste "$tmp/dockopt.cpu" "$tmp/before.cpu" | awk '{printf "%.3f\n", $1/$2}' >"$tmp/ratio-after-before"
	awk -v n="$nfiles" '{printf "%.0f\n", n/$1}' "$tmp/before.wall" >"$tmp/before.fps"
fi
awk -v n="$nfiles" '{printf "%.0f\n", n/$1}' "$tmp/dockopt.wall" >"$tmp/dockopt.fps"
awk -v n="$nfiles" '{printf "%.0f\n", n/$1}' "$tmp/buildkit.wall" >"$tmp/buildkit.fps"

if command -v hyperfine >/dev/null; then
	hyperfine -N -w 10 -r "$startup_runs" --export-json "$tmp/startup.json" "$tmp/dockopt version" >/dev/null
	python3 - "$tmp/startup.json" >"$tmp/startup.ms" <<'PY'
import json, sys
for t in json.load(open(sys.argv[1]))["results"][0]["times"]:
    print(round(t * 1000, 2))
PY
	how="hyperfine -N, $startup_runs runs"
	if [ -n "$before" ]; then
		hyperfine -N -w 10 -r "$startup_runs" --export-json "$tmp/startup-before.json" "$tmp/dockopt-before version" >/dev/null
		python3 - "$tmp/startup-before.json" >"$tmp/startup-before.ms" <<'PY'
import json, sys
for t in json.load(open(sys.argv[1]))["results"][0]["times"]:
    print(round(t * 1000, 2))
PY
	fi
else
	for _ in $(seq "$startup_runs"); do
		s=$(date +%s%N); "$tmp/dockopt" version >/dev/null; e=$(date +%s%N)
		echo "scale=2; ($e - $s) / 1000000" | bc >>"$tmp/startup.ms"
	done
	how="date +%s%N around each run, $startup_runs runs"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

read -r dwmin dwmed dwmax <<<"$(stats "$tmp/dockopt.wall")"
read -r dcmin dcmed dcmax <<<"$(stats "$tmp/dockopt.cpu")"
read -r bwmin bwmed bwmax <<<"$(stats "$tmp/buildkit.wall")"
read -r bcmin bcmed bcmax <<<"$(stats "$tmp/buildkit.cpu")"
read -r rmin rmed rmax <<<"$(stats "$tmp/ratio" %.2f)"
read -r dfmin dfmed dfmax <<<"$(stats "$tmp/dockopt.fps" %.0f)"
read -r bfmin bfmed bfmax <<<"$(stats "$tmp/buildkit.fps" %.0f)"
read -r dmmin dmmed dmmax <<<"$(stats "$tmp/dockopt.rss" %.0f)"
read -r bmmin bmmed bmmax <<<"$(stats "$tmp/buildkit.rss" %.0f)"
read -r smin smed smax <<<"$(stats "$tmp/startup.ms" %.1f)"
before_rows=""
if [ -n "$before" ]; then
	read -r pwmin pwmed pwmax <<<"$(stats "$tmp/before.wall")"
	read -r pfmin pfmed pfmax <<<"$(stats "$tmp/before.fps" %.0f)"
	read -r pcmin pcmed pcmax <<<"$(stats "$tmp/before.cpu")"
	read -r prmin prmed prmax <<<"$(stats "$tmp/ratio-before" %.2f)"
	read -r pamin pamed pamax <<<"$(stats "$tmp/ratio-after-before" %.2f)"
	before_rows="| before ($before_commit) \`dockopt lint\` wall, s | $pwmin | $pwmed | $pwmax |
| before files/s | $pfmin | $pfmed | $pfmax |
| before CPU, s | $pcmin | $pcmed | $pcmax |
| before CPU ratio dockopt / BuildKit (per round) | $prmin | $prmed | $prmax |
| **CPU after / before** (per round) | $pamin | **$pamed** | $pamax |"
	if [ -f "$tmp/startup-before.ms" ]; then
		read -r qmin qmed qmax <<<"$(stats "$tmp/startup-before.ms" %.1f)"
		before_rows="$before_rows
| before start-up, \`dockopt version\`, ms | $qmin | $qmed | $qmax |"
	fi
	before_rows="$before_rows

\`dockopt lint\` output (text, stdout and stderr) of before and after: $same_output."
fi

section=$(cat <<MD
<!-- bench/run.sh: begin (generated; the script replaces this section) -->
## Whole process (\`bash bench/run.sh\`, commit $commit, $(date -u '+%Y-%m-%d %H:%M UTC'))

$nfiles files of \`$corpus\`, $rounds rounds, alternating; $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); load average
before $load_before, after $load_after. dockopt is built with CGO_ENABLED=0, as README installs it. CPU is user+sys of the whole process (\`/usr/bin/time\`); files/s is files ÷ wall time.

| | min | median | max |
|---|---:|---:|---:|
| \`dockopt lint\` (default flags) wall, s | $dwmin | $dwmed | $dwmax |
| \`dockopt lint\` files/s | $dfmin | $dfmed | $dfmax |
| \`dockopt lint\` CPU, s | $dcmin | $dcmed | $dcmax |
| \`dockopt lint\` peak RSS, MiB | $dmmin | $dmmed | $dmmax |
| BuildKit \`DockerfileLint\` (bench/buildkitlint) wall, s | $bwmin | $bwmed | $bwmax |
| BuildKit files/s | $bfmin | $bfmed | $bfmax |
| BuildKit CPU, s | $bcmin | $bcmed | $bcmax |
| BuildKit peak RSS, MiB | $bmmin | $bmmed | $bmmax |
| **CPU ratio dockopt / BuildKit** (per round) | $rmin | **$rmed** | $rmax |
| start-up, \`dockopt version\`, ms ($how) | $smin | $smed | $smax |
${before_rows:+$before_rows
}
Goals (issue 9): ≥ 3,000 files/s; CPU ≤ 0.8× BuildKit's; start-up < 20 ms.
<!-- bench/run.sh: end -->
MD
)
echo "$section"
if [ -z "${NO_WRITE:-}" ]; then
	python3 - bench/RESULTS.md "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
pat = re.compile(r"<!-- bench/run.sh: begin.*?<!-- bench/run.sh: end -->", re.S)
text = pat.sub(lambda m: section, text) if pat.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
fi

if [ "${INPROCESS:-}" = 1 ]; then
	go test ./corpus -run '^$' -bench . -benchtime "${BENCHTIME:-3x}" -cpu 1 | grep -E '^Benchmark|^ok'
	go test ./corpus -run '^$' -bench 'LintParallel' -benchtime "${BENCHTIME:-3x}" -cpu 2 | grep -E '^Benchmark'
fi
