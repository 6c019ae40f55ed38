# A folder case: temporaries a killed run left are removed by the next run.
set -u
mkdir -p "$WORK/out"
echo half > "$WORK/out/.summary.json.tmp-AbC123"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --out "$WORK/out"; code=$?
[ ! -e "$WORK/out/.summary.json.tmp-AbC123" ] && echo 'ok: removed'
exit $code
