# A folder case: a fresh run where journal.jsonl is a link to a file of someone else's.
set -u
mkdir -p "$WORK/out"
echo precious > "$WORK/target"
ln -s "$WORK/target" "$WORK/out/journal.jsonl"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --out "$WORK/out"; first=$?
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --force --out "$WORK/out"; code=$?
[ "$first" = 2 ] && echo 'ok: refused without --force'
[ "$(cat "$WORK/target")" = precious ] && echo "ok: the link's target is unchanged"
[ -L "$WORK/out/previous/journal.jsonl" ] && echo 'ok: the link is in previous/'
exit $code
