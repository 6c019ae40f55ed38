# A folder case (see tests/e2e/output_corpus_test.cc).
set -u
cp -r "$FIXTURE/shard0" "$FIXTURE/shard1" "$WORK/"
timeout 120 "$HOMEWARD" merge "$WORK/shard0" "$WORK/shard1" --out "$WORK/shard0"; code=$?
cmp -s "$FIXTURE/shard0/journal.jsonl" "$WORK/shard0/journal.jsonl" && echo "ok: shard 0 is unchanged"
exit $code
