# A folder case: previous/ holds a file of the user's, which a new run must not delete.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
mkdir "$WORK/out/previous"; echo precious > "$WORK/out/previous/board-notes.docx"
"$HOMEWARD" run "$SCENARIOS/baseline.json" -n 2 --seed 5 -q --out "$WORK/out"; code=$?
[ "$(cat "$WORK/out/previous/board-notes.docx")" = precious ] && echo "ok: the user's file is unchanged"
cmp -s "$FIXTURE/run/summary.json" "$WORK/out/summary.json" && echo 'ok: the previous run is untouched'
exit $code
