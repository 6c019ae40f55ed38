# A folder case: a run killed (kill -9) part-way leaves no summary of the run before it beside its journal.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 1000 --seed 6 -t 1 -q --out "$WORK/out" >/dev/null 2>&1 &
pid=$!
# Its own journal: the previous one has been moved aside, and it has two records.
for i in $(seq 600); do [ -e "$WORK/out/previous/journal.jsonl" ] && [ "$(wc -l < "$WORK/out/journal.jsonl" 2>/dev/null || echo 0)" -ge 3 ] && break; sleep 0.1; done
kill -9 $pid; wait $pid 2>/dev/null
[ ! -e "$WORK/out/summary.json" ] && echo 'ok: no stale summary.json'
cmp -s "$FIXTURE/run/summary.json" "$WORK/out/previous/summary.json" && echo 'ok: the previous summary is in previous/'
"$HOMEWARD" report "$WORK/out"
