# A folder case: --out is a symbolic link to one of the shards.
set -u
cp -r "$FIXTURE/shard0" "$FIXTURE/shard1" "$WORK/"
ln -s "$WORK/shard1" "$WORK/link"
timeout 120 "$HOMEWARD" merge "$WORK/shard0" "$WORK/shard1" --out "$WORK/link"; code=$?
cmp -s "$FIXTURE/shard1/journal.jsonl" "$WORK/shard1/journal.jsonl" && echo "ok: shard 1 is unchanged"
exit $code
