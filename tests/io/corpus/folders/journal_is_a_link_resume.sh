# A folder case: the journal to resume is a symbolic link.
set -u
mkdir -p "$WORK/out"
cp "$FIXTURE/run/journal.jsonl" "$WORK/elsewhere.jsonl"
ln -s "$WORK/elsewhere.jsonl" "$WORK/out/journal.jsonl"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --resume --out "$WORK/out"; code=$?
cmp -s "$FIXTURE/run/journal.jsonl" "$WORK/elsewhere.jsonl" && echo "ok: the link's target is unchanged"
exit $code
