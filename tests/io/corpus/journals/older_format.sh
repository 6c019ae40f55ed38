# A journal case (see tests/e2e/output_corpus_test.cc): a copy of a finished run, damaged.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
J="$WORK/out/journal.jsonl"
# A journal as Homeward 0.3.0 wrote it: format 2, no checksums.
sed -i 's/,"crc32c":"[0-9a-f]*"}$/}/; 1s/"homeward_journal":3/"homeward_journal":2/' "$J"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 4 --seed 5 -q --resume --out "$WORK/out"
