# A command case: compare refuses two scenarios of one name.
set -u
"$HOMEWARD" compare "$SCENARIOS/baseline.json" "$SCENARIOS/baseline.json" -n 2 -q --out "$WORK/out"; code=$?
[ ! -e "$WORK/out/summary.json" ] && echo 'ok: nothing written'
exit $code
