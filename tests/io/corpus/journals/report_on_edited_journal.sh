# A journal case (see tests/e2e/output_corpus_test.cc): a copy of a finished run, damaged.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
J="$WORK/out/journal.jsonl"
sed -E -i '3s/"events":([0-9]+)/"events":\19/' "$J"
"$HOMEWARD" report "$WORK/out"
