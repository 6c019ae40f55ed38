#!/usr/bin/env bash
# A long fuzzing campaign for the scenario loader, on every core.
#   fuzz/run_long.sh [HOURS] [JOBS]      default 8 hours, nproc parallel jobs
# Builds as fuzz/build_and_run.sh does (same build directory), then runs
# libFuzzer jobs that share one growing corpus in $HOMEWARD_FUZZ_BUILD_DIR/corpus
# and write each crash, hang, leak or broken invariant to .../artifacts/ (a
# job that finds one stops; the others go on). At the end the corpus is merged
# down to the inputs that add coverage. Safe to stop with Ctrl-C and rerun:
# the corpus is kept.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${HOMEWARD_FUZZ_BUILD_DIR:-$here/build-fuzz}"
hours="${1:-8}"
jobs="${2:-$(nproc 2>/dev/null || echo 2)}"
seconds=$(awk -v h="$hours" 'BEGIN { s = int(h * 3600); print (s < 1 ? 1 : s) }')

# Build only (a zero-second run), installing clang if needed.
HOMEWARD_FUZZ_BUILD_DIR="$build_dir" "$here/fuzz/build_and_run.sh" 0 >/dev/null
fuzzer="$build_dir/fuzz/scenario_fuzzer"
[ -x "$fuzzer" ] || { echo "run_long: $fuzzer was not built" >&2; exit 1; }

mkdir -p "$build_dir/corpus" "$build_dir/artifacts" "$build_dir/logs"
cd "$build_dir/logs"  # libFuzzer writes fuzz-N.log for each job here
echo "run_long: $jobs jobs for $hours h; logs in $build_dir/logs, findings in $build_dir/artifacts" >&2
status=0
"$fuzzer" -jobs="$jobs" -workers="$jobs" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -rss_limit_mb=4096 -dict="$here/fuzz/scenario.dict" -artifact_prefix="$build_dir/artifacts/" \
  -print_final_stats=1 "$build_dir/corpus" "$here/tests/io/corpus" "$here/scenarios" || status=$?

# Keep only inputs that add coverage.
mkdir -p "$build_dir/corpus.merged"
"$fuzzer" -merge=1 -max_len=65536 "$build_dir/corpus.merged" "$build_dir/corpus" >/dev/null 2>&1 &&
  rm -rf "$build_dir/corpus" && mv "$build_dir/corpus.merged" "$build_dir/corpus"
echo "run_long: done, exit $status; corpus $(ls "$build_dir/corpus" | wc -l) inputs;" \
  "findings: $(ls "$build_dir/artifacts" | wc -l) (see fuzz/README.md)" >&2
exit "$status"
