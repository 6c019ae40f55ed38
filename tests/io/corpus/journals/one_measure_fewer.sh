# A journal case (see tests/e2e/output_corpus_test.cc): a copy of a finished run, damaged.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
J="$WORK/out/journal.jsonl"
# A record with one measure (its name and its value) fewer, sealed again.
sed -E -i '3s/"names":\["[^"]*",/"names":[/; 3s/"values":\[[^,]*,/"values":[/' "$J"
"$RESEAL" "$J"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 4 --seed 5 -q --resume --out "$WORK/out"
