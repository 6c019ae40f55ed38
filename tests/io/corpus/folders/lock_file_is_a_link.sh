# A folder case: the folder's lock file is a link to a file of someone else's.
set -u
mkdir -p "$WORK/out"
echo precious > "$WORK/target"
ln -s "$WORK/target" "$WORK/out/.homeward.lock"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --out "$WORK/out"; code=$?
[ "$(cat "$WORK/target")" = precious ] && echo "ok: the link's target is unchanged"
exit $code
