# A journal case (see tests/e2e/output_corpus_test.cc): a copy of a finished run, damaged.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
J="$WORK/out/journal.jsonl"
# Two writers on one file once filled it with NUL bytes.
{ sed -n '1,2p' "$J"; printf '\0\0\0\0\0\0\0\0'; sed -n '3,$p' "$J"; } > "$J.new"
mv "$J.new" "$J"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 4 --seed 5 -q --resume --out "$WORK/out"
