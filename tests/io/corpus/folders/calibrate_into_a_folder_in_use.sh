# A folder case: calibrate is refused before its search starts.
set -u
mkdir -p "$WORK/out"
printf '4242 otherhost calibrate\n' > "$WORK/out/.homeward.lock"
flock "$WORK/out/.homeward.lock" "$HOMEWARD" calibrate "$SCENARIOS/../calib/examples/kent.calibration.json" -q --out "$WORK/out"
