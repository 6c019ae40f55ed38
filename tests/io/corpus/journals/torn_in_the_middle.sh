# A journal case (see tests/e2e/output_corpus_test.cc): a copy of a finished run, damaged.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
J="$WORK/out/journal.jsonl"
# Line 3 cut short (a copy that lost bytes) with the rest after it.
{ sed -n '1,2p' "$J"; sed -n '3p' "$J" | head -c 300; sed -n '4,$p' "$J"; } > "$J.new"
mv "$J.new" "$J"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 4 --seed 5 -q --resume --out "$WORK/out"
