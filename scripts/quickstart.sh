#!/usr/bin/env bash
# Sets up, builds and runs Homeward on Debian 12.
#   scripts/quickstart.sh baseline   install what is missing, build (Release), run scenarios/baseline.json
#   scripts/quickstart.sh test       install what is missing, build, run the whole test suite with ctest,
#                                    then fuzz the scenario loader for HOMEWARD_FUZZ_SECONDS (default 60;
#                                    0 skips it; fuzz/build_and_run.sh installs clang if needed)
#   scripts/quickstart.sh build      install what is missing and build only
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${HOMEWARD_BUILD_DIR:-$here/build}"
jobs="$(nproc 2>/dev/null || echo 2)"

packages=(g++ cmake ninja-build libboost-graph-dev libboost-random-dev libboost-math-dev
          libeigen3-dev nlohmann-json3-dev libtbb-dev libcli11-dev libgtest-dev libgmock-dev
          libbenchmark-dev libfmt-dev openmpi-bin libopenmpi-dev)

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

build() {
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
    build
    ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" | tee "$build_dir/ctest-summary.log"
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
  *)
    echo "usage: $0 baseline|test|build" >&2
    exit 2
    ;;
esac
