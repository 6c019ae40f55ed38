#!/usr/bin/env bash
# With the MPI build, `mpirun -n 2 homeward calibrate` gives the same fit as one
# process: each rank simulates its share of every generation, and every rank
# runs the same optimiser on all of the results.
# Usage: calibrate_same_results.sh HOMEWARD_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail
homeward="$1"; source="$2"; work="$3"
rm -rf "$work"; mkdir -p "$work"
{
  echo "month,series,value"
  for m in 04 05 06 07 08 09 10 11 12; do echo "2019-$m,total,1500"; done
} > "$work/observed.csv"
# 3 replications of 8 candidates, and 5 in the final run: shares of 12/12
# and 2/3 tasks, so the split is not always even; two restarts share each round.
cat > "$work/calibration.json" <<JSON
{
  "scenario": "$source/tests/calib/data/tiny_scenario.json",
  "data": {"file": "$work/observed.csv", "layout": "tidy"},
  "series": [{"name": "total"}],
  "parameters": [{"name": "choice_days", "pointer": "/services/choice/duration_days/mean", "lower": 1, "upper": 8}],
  "train": {"from": "2019-04", "to": "2019-09"},
  "test": {"from": "2019-10", "to": "2019-12"},
  "replications": 3,
  "final_replications": 5,
  "restarts": 2,
  "optimiser": {"evaluations": 24}
}
JSON
"$homeward" calibrate "$work/calibration.json" --quiet --out "$work/single" >/dev/null 2>&1
OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
  mpirun --oversubscribe -n 2 "$homeward" calibrate "$work/calibration.json" --threads 1 --quiet \
  --out "$work/mpi" >/dev/null 2>&1
for f in scenario.json parameters.csv fit.csv fit_statistics.csv search.csv warnings.txt; do
  cmp "$work/single/$f" "$work/mpi/$f" || { echo "$f differs between 1 process and 2 MPI ranks"; exit 1; }
done
echo "mpirun -n 2 homeward calibrate matches one process"
