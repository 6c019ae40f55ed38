# A folder case: report while a run writes the folder.
set -u
cp -r "$FIXTURE/run" "$WORK/out"
printf '4242 otherhost run\n' > "$WORK/out/.homeward.lock"
flock "$WORK/out/.homeward.lock" "$HOMEWARD" report "$WORK/out"; code=$?
[ ! -e "$WORK/out/report.html" ] && echo 'ok: no report written'
exit $code
