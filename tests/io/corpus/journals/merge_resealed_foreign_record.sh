# A journal case: a record of shard 0 appended to shard 1 and sealed again.
set -u
cp -r "$FIXTURE/shard0" "$FIXTURE/shard1" "$WORK/"
sed -n 2p "$WORK/shard0/journal.jsonl" >> "$WORK/shard1/journal.jsonl"
"$RESEAL" "$WORK/shard1/journal.jsonl"
"$HOMEWARD" merge "$WORK/shard0" "$WORK/shard1" --out "$WORK/merged"
