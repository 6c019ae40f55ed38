# A journal case (see tests/e2e/output_corpus_test.cc): a copy of a finished run, damaged.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
J="$WORK/out/journal.jsonl"
# Lines 3 and 4 swapped: each keeps its checksum, the order is wrong.
sed -n '1,2p' "$J" > "$J.new"; sed -n '4p' "$J" >> "$J.new"; sed -n '3p' "$J" >> "$J.new"; sed -n '5,$p' "$J" >> "$J.new"
mv "$J.new" "$J"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 4 --seed 5 -q --resume --out "$WORK/out"
