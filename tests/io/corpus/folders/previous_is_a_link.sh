# A folder case: previous/ is a link to a folder of someone else's.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
mkdir -p "$WORK/theirs"; echo precious > "$WORK/theirs/summary.json"
ln -s "$WORK/theirs" "$WORK/out/previous"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --out "$WORK/out"; code=$?
[ "$(cat "$WORK/theirs/summary.json")" = precious ] && echo "ok: their folder is unchanged"
[ -d "$WORK/out/previous" ] && [ ! -L "$WORK/out/previous" ] && cmp -s "$FIXTURE/run/summary.json" "$WORK/out/previous/summary.json" && echo 'ok: the previous run is in previous/'
exit $code
