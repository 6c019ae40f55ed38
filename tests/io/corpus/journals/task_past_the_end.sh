# A journal case (see tests/e2e/output_corpus_test.cc): a copy of a finished run, damaged.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
J="$WORK/out/journal.jsonl"
# A copy of the last record with its task raised by one, sealed again.
tail -n 1 "$J" | sed 's/"task":3,/"task":4,/' >> "$J"
"$RESEAL" "$J"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 4 --seed 5 -q --resume --out "$WORK/out"
