# A journal case (see tests/e2e/output_corpus_test.cc): a copy of a finished run, damaged.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
J="$WORK/out/journal.jsonl"
# A journal as Homeward 0.4.0 wrote it: format 3, no checksums.
sed -i 's/,"crc32c":"[0-9a-f]*"}$/}/; 1s/"homeward_journal":4/"homeward_journal":3/' "$J"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 4 --seed 5 -q --resume --out "$WORK/out"
