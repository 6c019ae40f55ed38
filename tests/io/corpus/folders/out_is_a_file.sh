# A folder case.
set -u
echo precious > "$WORK/out"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --out "$WORK/out"; code=$?
[ "$(cat "$WORK/out")" = precious ] && echo 'ok: the file is unchanged'
exit $code
