#!/usr/bin/env bash
# Sets up, builds and runs Homeward on Debian 12.
#   scripts/quickstart.sh baseline   install what is missing, build (Release), run scenarios/baseline.json
#   scripts/quickstart.sh test       install what is missing, build, run the whole test suite with ctest,
#                                    check the install and the .deb (scripts/check_install.sh), run the
#                                    engine and model suites in the checked build (build-checked/:
#                                    Debug, ASan, UBSan, model invariants; HOMEWARD_CHECKED_SUITES="engine model
#                                    io calib" adds more; HOMEWARD_CHECKED=0 skips it), then
#                                    fuzz the scenario loader for HOMEWARD_FUZZ_SECONDS (default 60;
#                                    0 skips it; fuzz/build_and_run.sh installs clang if needed)
#   scripts/quickstart.sh build      install what is missing and build only
#   scripts/quickstart.sh serve      install what is missing, build, and start the workbench (homeward serve)
#                                    on http://127.0.0.1:8765/ with the workspace out/workspace
# Every command also installs Node.js and npm if missing and runs `npm ci` in report/ (the chart
# libraries that `homeward report` inlines, and playwright-core) and in web/ (the workbench page of
# `homeward serve`); `test` also installs Debian's chromium for the browser tests. Where the npm
# registry or chromium cannot be had, a warning says so and the tests that need them skip.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${HOMEWARD_BUILD_DIR:-$here/build}"
jobs="$(nproc 2>/dev/null || echo 2)"

packages=(g++ cmake ninja-build libboost-graph-dev libboost-random-dev libboost-math-dev
          libeigen3-dev nlohmann-json3-dev libtbb-dev libcli11-dev libgtest-dev libgmock-dev
          libbenchmark-dev libfmt-dev openmpi-bin libopenmpi-dev pkg-config zlib1g-dev libcpp-httplib-dev
          libxlsxwriter-dev dpkg-dev file curl)  # the last three: cpack's .deb and scripts/check_install.sh

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Debian packages that the report needs but the build can do without: a warning, not a failure.
install_optional() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
    echo "warning: could not install ${missing[*]}; the report's tests that need them will skip" >&2
}

# report/node_modules and web/node_modules, from the npm registry at the versions their
# package-lock.json files pin; again only when a lock file changes.
install_node_modules() {
  command -v node >/dev/null && command -v npm >/dev/null || install_optional nodejs npm
  if ! command -v npm >/dev/null; then
    echo "warning: no npm: homeward report and the page of homeward serve will be unavailable and their tests" \
         "will skip" >&2
    return 0
  fi
  local dir stamp
  for dir in report web; do
    stamp="$here/$dir/node_modules/.homeward-lock"
    cmp -s "$here/$dir/package-lock.json" "$stamp" 2>/dev/null && continue
    if (cd "$here/$dir" && npm ci --no-audit --no-fund --loglevel=error); then
      cp "$here/$dir/package-lock.json" "$stamp"
    else
      echo "warning: npm ci in $dir/ failed (no npm registry?): what it builds will be unavailable and its" \
           "tests will skip" >&2
    fi
  done
}

build() {
  install_node_modules
  # With MPI: `mpirun -n K build/homeward ...` spreads replications over ranks;
  # started without mpirun it is an ordinary single process.
  cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHOMEWARD_MPI=ON >/dev/null
  cmake --build "$build_dir" -j "$jobs"
}

case "${1:-}" in
  baseline)
    install_missing
    build
    "$build_dir/homeward" run "$here/scenarios/baseline.json" --replications "${REPLICATIONS:-100}" \
      --seed 1 --out "$here/out/baseline"
    ;;
  test)
    install_missing
    [ -x /usr/bin/chromium ] || install_optional chromium
    # pandas and R read the CSVs in tests/e2e/tables_test.cc: implementations of CSV that are not ours.
    install_optional python3-pandas r-base-core
    build
    ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" | tee "$build_dir/ctest-summary.log"
    "$here/scripts/check_install.sh" "$build_dir"
    if [ "${HOMEWARD_CHECKED:-1}" != 0 ]; then
      # The engine's and the model's suites in the checked build: asserts, ASan, UBSan and the
      # model's invariants at every simulated midnight (README.md, "Installing"). io's and calib's
      # suites also run the binary, which under ASan takes most of 25 minutes to build on 2 cores:
      # HOMEWARD_CHECKED_SUITES="engine model io calib" adds them.
      checked_dir="${HOMEWARD_CHECKED_BUILD_DIR:-$here/build-checked}"
      read -r -a suites <<<"${HOMEWARD_CHECKED_SUITES:-engine model}"
      started=$(date +%s)
      cmake -S "$here" -B "$checked_dir" -G Ninja -DHOMEWARD_CHECKED=ON >/dev/null
      cmake --build "$checked_dir" -j "$jobs" --target "${suites[@]/%/_tests}"
      labels=$(IFS='|'; echo "${suites[*]}")
      ctest --test-dir "$checked_dir" -L "^($labels)\$" --output-on-failure -j "$jobs"
      echo "checked build: built and ran in $(($(date +%s) - started)) s" >&2
    fi
    fuzz_seconds="${HOMEWARD_FUZZ_SECONDS:-60}"
    if [ "$fuzz_seconds" -gt 0 ]; then
      "$here/fuzz/build_and_run.sh" "$fuzz_seconds"
      # ctest's verdict again, last, where readers of the log look for it.
      grep -E "tests passed|Total Test time" "$build_dir/ctest-summary.log" || true
    fi
    ;;
  build)
    install_missing
    build
    ;;
  serve)
    install_missing
    build
    exec "$build_dir/homeward" serve --port "${PORT:-8765}" --workspace "$here/out/workspace"
    ;;
  *)
    echo "usage: $0 baseline|test|build|serve" >&2
    exit 2
    ;;
esac
