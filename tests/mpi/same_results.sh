#!/usr/bin/env bash
# With the MPI build, `mpirun -n 2` gives the same outputs as one process.
# Usage: same_results.sh HOMEWARD_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
homeward="$1"; source="$2"; work="$3"
rm -rf "$work"; mkdir -p "$work"
args=(compare "$source/scenarios/baseline.json" "$source/scenarios/hart.json" --replications 5 --seed 11 --quiet)
"$homeward" "${args[@]}" --out "$work/single" >/dev/null
OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
  mpirun --oversubscribe -n 2 "$homeward" "${args[@]}" --threads 1 --out "$work/mpi" >/dev/null
for f in summary.json replications.csv monthly.csv journal.jsonl; do
  cmp "$work/single/$f" "$work/mpi/$f" || { echo "$f differs between 1 process and 2 MPI ranks"; exit 1; }
done
grep -q '"mpi_ranks": 2' "$work/mpi/run-info.json" || { echo "run-info.json does not record 2 ranks"; exit 1; }
echo "mpirun -n 2 matches one process"
