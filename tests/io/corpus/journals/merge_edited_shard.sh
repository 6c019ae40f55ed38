# A journal case: a shard edited before the merge.
set -u
cp -r "$FIXTURE/shard0" "$FIXTURE/shard1" "$WORK/"
sed -E -i '2s/"events":([0-9]+)/"events":\19/' "$WORK/shard1/journal.jsonl"
"$HOMEWARD" merge "$WORK/shard0" "$WORK/shard1" --out "$WORK/merged"
