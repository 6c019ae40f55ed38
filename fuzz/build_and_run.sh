#!/usr/bin/env bash
# Builds the libFuzzer target for the scenario loader with clang, ASan and UBSan
# in its own build directory, then runs it for a bounded time, seeded from the
# bad-input corpus (tests/io/corpus) and the shipped scenarios.
#   fuzz/build_and_run.sh [SECONDS]      default 60; 0 builds only; CI runs it after ctest
# Environment: HOMEWARD_FUZZ_BUILD_DIR (default build-fuzz), HOMEWARD_FUZZ_JOBS
# (parallel build jobs, default nproc). Exits non-zero when the fuzzer finds a
# crash, a hang, a leak, a sanitizer report or a broken invariant; the input is
# then in $HOMEWARD_FUZZ_BUILD_DIR/artifacts/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${HOMEWARD_FUZZ_BUILD_DIR:-$here/build-fuzz}"
seconds="${1:-60}"
jobs="${HOMEWARD_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}"

# clang 14 and its runtime (libFuzzer, ASan, UBSan) from Debian 12.
packages=(clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

started=$(date +%s)
CXX=clang++ cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOMEWARD_FUZZ=ON \
  -DHOMEWARD_BUILD_TESTS=OFF -DHOMEWARD_BUILD_BENCH=OFF >/dev/null
cmake --build "$build_dir" -j "$jobs" --target scenario_fuzzer
built=$(date +%s)
echo "fuzz: built in $((built - started)) s" >&2

[ "$seconds" -gt 0 ] || exit 0  # build only (libFuzzer reads -max_total_time=0 as "for ever")

mkdir -p "$build_dir/corpus" "$build_dir/artifacts"
# The first directory collects new inputs (kept between runs on one machine);
# the others are read-only seeds. Inputs past -max_len are cut.
status=0
"$build_dir/fuzz/scenario_fuzzer" \
  -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
  -dict="$here/fuzz/scenario.dict" -artifact_prefix="$build_dir/artifacts/" -print_final_stats=1 \
  "$build_dir/corpus" "$here/tests/io/corpus" "$here/scenarios" >"$build_dir/last-run.log" 2>&1 || status=$?
grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::|^==[0-9]+==|^SUMMARY|invariant broken|^artifact_prefix|Test unit written" \
  "$build_dir/last-run.log" || true
echo "fuzz: ran ${seconds} s, exit ${status}; full log in $build_dir/last-run.log" >&2
if [ "$status" -ne 0 ]; then
  tail -n 60 "$build_dir/last-run.log" >&2
  echo "fuzz: FAILED; reproduce with $build_dir/fuzz/scenario_fuzzer $build_dir/artifacts/<file>," >&2
  echo "fuzz: then add the input to tests/io/corpus/ as a regression case (see fuzz/README.md)" >&2
fi
exit "$status"
