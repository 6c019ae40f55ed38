# A folder case.
set -u
mkdir -p "$WORK/out"
printf '4242 otherhost compare\n' > "$WORK/out/.homeward.lock"
flock "$WORK/out/.homeward.lock" "$HOMEWARD" merge "$FIXTURE/shard0" "$FIXTURE/shard1" --out "$WORK/out"
