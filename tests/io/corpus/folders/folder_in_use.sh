# A folder case: another process holds the folder's lock (flock(1) here).
set -u
mkdir -p "$WORK/out"
printf '4242 otherhost run\n' > "$WORK/out/.homeward.lock"
flock "$WORK/out/.homeward.lock" "$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --out "$WORK/out"; code=$?
[ ! -e "$WORK/out/journal.jsonl" ] && echo 'ok: nothing written'
exit $code
