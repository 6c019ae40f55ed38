# A folder case: summary.json of one run beside the journal of another.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
cp "$FIXTURE/shard0/journal.jsonl" "$WORK/out/journal.jsonl"
"$HOMEWARD" report "$WORK/out"
