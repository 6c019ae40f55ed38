# A folder case: an interrupted run's summary is drawn with a warning.
set -u
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 1000 --seed 6 -t 1 -q --out "$WORK/out" >/dev/null 2>&1 &
pid=$!
for i in $(seq 600); do [ "$(wc -l < "$WORK/out/journal.jsonl" 2>/dev/null || echo 0)" -ge 3 ] && break; sleep 0.1; done
kill -INT $pid; wait $pid; echo "run exit $?"
"$HOMEWARD" report "$WORK/out"; code=$?
grep -q 'Partial results.' "$WORK/out/report.html" && echo 'ok: the page says partial'
exit $code
