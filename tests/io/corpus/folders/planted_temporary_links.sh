# A folder case: links planted where older versions put their temporaries.
set -u
mkdir -p "$WORK/out"
echo precious > "$WORK/target"
for name in summary.json.tmp replications.csv.tmp monthly.csv.tmp run-info.json.tmp; do ln -s "$WORK/target" "$WORK/out/$name"; done
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --out "$WORK/out"; code=$?
[ "$(cat "$WORK/target")" = precious ] && echo "ok: the links' target is unchanged"
[ -f "$WORK/out/summary.json" ] && [ ! -L "$WORK/out/summary.json" ] && echo 'ok: summary.json written'
exit $code
