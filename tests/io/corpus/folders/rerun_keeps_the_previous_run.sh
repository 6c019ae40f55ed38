# A folder case: a new run moves the previous run's files aside at its start.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --out "$WORK/out"; code=$?
kept=yes
for f in summary.json replications.csv monthly.csv run-info.json journal.jsonl; do cmp -s "$FIXTURE/run/$f" "$WORK/out/previous/$f" || kept=no; done
[ $kept = yes ] && echo 'ok: the previous run is whole in previous/'
cmp -s "$FIXTURE/run/summary.json" "$WORK/out/summary.json" || echo 'ok: summary.json is the new one'
exit $code
