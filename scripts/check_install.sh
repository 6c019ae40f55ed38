#!/usr/bin/env bash
# Checks that an installed homeward works without its source or build tree:
#   scripts/check_install.sh BUILD_DIR
# 1. `cmake --install BUILD_DIR --prefix P` into a fresh folder, then, from
#    another folder and with only P/bin on PATH: `homeward --version` (the
#    project version), `validate` of the installed scenarios (the schema among
#    them is passed over), a 2-replication run, `report` on it, and `serve`
#    answering its page and API.
# 2. `cpack -G DEB` makes the .deb; its Depends must name the shared libraries
#    (TBB, fmt, libxlsxwriter). As root on a machine where no homeward package
#    is installed, `dpkg -i` installs it, /usr/bin/homeward --version must
#    answer, and `dpkg -r` removes it again.
# scripts/quickstart.sh test runs it after ctest. Exits non-zero on the first failure.
set -euo pipefail

build="$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's/^#define HOMEWARD_VERSION "\(.*\)"$/\1/p' "$build/generated/version/homeward_version.h")"
[ -n "$version" ] || { echo "check_install: no version in $build/generated/version/homeward_version.h" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/homeward-install.XXXXXX")"
serve_pid=""
cleanup() {
  [ -z "$serve_pid" ] || kill "$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "check_install: FAILED: $*" >&2; exit 1; }

prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
cd "$work"  # nothing of the source or build tree is reachable from here but by absolute path
bin="$prefix/bin/homeward"
scenarios="$prefix/share/homeward/scenarios"

[ "$(env -i PATH="$prefix/bin:/usr/bin:/bin" homeward --version)" = "homeward $version" ] ||
  fail "installed homeward --version is not 'homeward $version'"
"$bin" validate "$scenarios"/*.json >validate.log || fail "validate of the installed scenarios: $(cat validate.log)"
grep -q "scenario.schema.json: the scenario schema" validate.log || fail "validate did not recognise the schema"
"$bin" run "$scenarios/baseline.json" --replications 2 --seed 1 --quiet --out run >/dev/null ||
  fail "run from the install prefix"
"$bin" report run >/dev/null 2>report.log || fail "report from the install prefix: $(cat report.log)"
grep -q "vega" run/report.html || fail "report.html has no charts (was the build made without report/node_modules?)"

"$bin" serve --port 0 --workspace ws --quiet >serve.url 2>serve.log &
serve_pid=$!
for _ in $(seq 100); do [ -s serve.url ] && break; sleep 0.1; done
url="$(head -n 1 serve.url)"
[ -n "$url" ] || fail "serve printed no address: $(cat serve.log)"
curl -fsS "${url%/}/api" -o api.json || fail "serve's /api did not answer"
grep -q "\"version\":\"$version\"" api.json || fail "serve's /api does not give version $version: $(head -c 300 api.json)"
curl -fsS "${url%/}/" -o page.html || fail "serve's page did not answer"
grep -qi "<html" page.html || fail "serve's page is empty (was the build made without web/node_modules?)"
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
serve_pid=""
ls ws/scenarios/baseline.json >/dev/null || fail "serve did not copy the shipped scenarios into its workspace"
echo "check_install: cmake --install to a prefix: --version, validate, run, report and serve work" >&2

(cd "$build" && cpack -G DEB -B "$work/package" >/dev/null) || fail "cpack -G DEB"
deb="$(ls "$work"/package/homeward_"$version"_*.deb)"
depends="$(dpkg-deb -f "$deb" Depends)"
for library in libtbb libfmt libxlsxwriter; do
  grep -q "$library" <<<"$depends" || fail "the .deb's Depends lack $library: $depends"
done
if [ "$(id -u)" -ne 0 ]; then
  echo "check_install: $(basename "$deb") built (Depends: $depends); not root, so not installed" >&2
elif dpkg-query -W -f='${Status}' homeward 2>/dev/null | grep -q "install ok installed"; then
  echo "check_install: $(basename "$deb") built; a homeward package is already installed here, left alone" >&2
else
  dpkg -i "$deb" >/dev/null || fail "dpkg -i $(basename "$deb")"
  installed="$(/usr/bin/homeward --version || true)"
  dpkg -r homeward >/dev/null || fail "dpkg -r homeward"
  [ "$installed" = "homeward $version" ] || fail "/usr/bin/homeward --version after dpkg -i gave '$installed'"
  echo "check_install: $(basename "$deb") installs with dpkg -i and runs (Depends: $depends)" >&2
fi
