#!/usr/bin/env bash
# The GitHub Action's logic (action.yml runs it; action/action_test.go runs it the same way).
# Inputs come as environment variables:
#   DOCKOPT                  the dockopt binary (default: dockopt on PATH)
#   INPUT_PATHS              Dockerfiles or directories, separated by spaces (default .)
#   INPUT_SARIF_FILE         where the SARIF report goes (default dockopt.sarif)
#   INPUT_FAILURE_THRESHOLD  --failure-threshold, when not empty
#   INPUT_FIX_CHECK          "true": also `dockopt fix --check`
#   INPUT_OPTIMIZE           a build context directory: also `dockopt optimize` on it
# and GitHub's GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP files and directories.
# Lint prints workflow annotations (--format github) and writes SARIF; the step fails when
# lint exits non-zero (findings at or above the threshold, or errors) or a fix is pending.
set -uo pipefail

dockopt=${DOCKOPT:-dockopt}
read -r -a paths <<<"${INPUT_PATHS:-.}"
((${#paths[@]})) || paths=(.)
sarif=${INPUT_SARIF_FILE:-dockopt.sarif}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}
outputs=${GITHUB_OUTPUT:-/dev/null}
tmp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}

lint_flags=()
if [[ -n ${INPUT_FAILURE_THRESHOLD:-} ]]; then
	lint_flags+=(--failure-threshold "$INPUT_FAILURE_THRESHOLD")
fi

status=0

echo "::group::dockopt lint ${paths[*]}"
"$dockopt" lint "${lint_flags[@]}" --format sarif "${paths[@]}" >"$sarif"
lint_code=$?
# the same run's findings as annotations on the lines (a second, cheap lint)
"$dockopt" lint "${lint_flags[@]}" --format github "${paths[@]}"
echo "::endgroup::"
echo "sarif-file=$sarif" >>"$outputs"
echo "lint-exit-code=$lint_code" >>"$outputs"
{
	echo "## dockopt lint"
	echo
	case $lint_code in
	0) echo "No finding at or above the failure threshold in \`${paths[*]}\`." ;;
	1) echo "Findings at or above the failure threshold in \`${paths[*]}\` (annotations on the lines; SARIF in \`$sarif\`):" ;;
	*) echo "dockopt lint could not check every file of \`${paths[*]}\` (exit $lint_code):" ;;
	esac
	if ((lint_code != 0)); then
		echo
		echo '```'
		"$dockopt" lint "${lint_flags[@]}" --no-color "${paths[@]}" 2>&1 | head -n 200
		echo '```'
	fi
} >>"$summary"
((lint_code == 0)) || status=$lint_code

if [[ ${INPUT_FIX_CHECK:-false} == true ]]; then
	echo "::group::dockopt fix --check ${paths[*]}"
	diff_file="$tmp/dockopt-fix.diff"
	"$dockopt" fix --check "${paths[@]}" >"$diff_file"
	fix_code=$?
	cat "$diff_file"
	echo "::endgroup::"
	{
		echo "## dockopt fix --check"
		echo
		if ((fix_code == 0)); then
			echo "No automatic fix is pending."
		else
			echo "Automatic fixes are pending: run \`dockopt fix --write ${paths[*]}\`."
			echo
			echo '```diff'
			head -n 300 "$diff_file"
			echo '```'
		fi
	} >>"$summary"
	if ((fix_code != 0 && status == 0)); then
		status=$fix_code
	fi
fi

if [[ -n ${INPUT_OPTIMIZE:-} ]]; then
	echo "::group::dockopt optimize $INPUT_OPTIMIZE"
	out="$tmp/dockopt-optimize"
	rm -rf "$out"
	if "$dockopt" optimize "$INPUT_OPTIMIZE" --out "$out"; then
		# one report, or one per compose service (OUT/<service>/dockopt-report.md)
		find "$out" -name dockopt-report.md -print0 | sort -z | xargs -0 cat >>"$summary"
		echo "optimized Dockerfile and report in $out"
	else
		code=$?
		echo "::error title=dockopt optimize::dockopt optimize $INPUT_OPTIMIZE failed (exit $code)"
		printf '## dockopt optimize\n\n`dockopt optimize %s` failed (exit %s).\n' "$INPUT_OPTIMIZE" "$code" >>"$summary"
		((status != 0)) || status=$code
	fi
	echo "::endgroup::"
fi

exit "$status"
