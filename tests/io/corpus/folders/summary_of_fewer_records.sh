# A folder case: the journal grew after the summary was made.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
head -n 3 "$FIXTURE/run/journal.jsonl" > "$WORK/out/journal.jsonl"
"$HOMEWARD" report "$WORK/out"
