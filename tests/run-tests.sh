#!/usr/bin/env bash
# Runs every test program (GTest binaries and TAP shell scripts), as many at
# once as the machine has cores, and prints one line per program with its
# duration, then one summary line "N passed, N failed".  Exit status 1 on
# any failure.  The programs are independent: each works in its own
# temporary folder.  The slowest programs of the last run start first.
#   usage: run-tests.sh TEST…   (env: EPAPER, SRCDIR, BUILD; TEST_JOBS,
#   default: the number of cores)
set -u
jobs=${TEST_JOBS:-$(nproc)}
log_dir="${BUILD:-build}/test-logs"
mkdir -p "$log_dir"

# The tests, slowest first by the durations the last run left in
# $log_dir/NAME.time (a test without one counts as slowest: it is new).
order () {
  local t name secs
  for t in "$@"; do
    name=$(basename "$t")
    secs=999999
    [ -s "$log_dir/$name.time" ] && read -r secs <"$log_dir/$name.time"
    printf '%s %s\n' "${secs%.*}" "$t"
  done | sort -k1,1nr -s | cut -d' ' -f2-
}

# Runs one test into its log; leaves its exit status and duration in
# $log_dir/NAME.rc and NAME.time.
run_one () {
  local t=$1 name log start rc tenths
  name=$(basename "$t")
  log="$log_dir/$name.log"
  start=$(date +%s%N)
  case "$t" in
    *.sh) bash "$t" >"$log" 2>&1 ;;
    *)    "$t" --tap >"$log" 2>&1 ;;
  esac
  rc=$?
  echo "$rc" >"$log_dir/$name.rc"
  tenths=$(( ($(date +%s%N) - start) / 100000000 ))
  echo "$((tenths / 10)).$((tenths % 10))" >"$log_dir/$name.time"
}

passed=0 failed=0
# Counts a finished test's TAP lines and prints its result line.
report () {
  local t=$1 name log rc p f planned secs
  name=$(basename "$t")
  log="$log_dir/$name.log"
  rc=$(cat "$log_dir/$name.rc") secs=$(cat "$log_dir/$name.time")
  p=$(grep -cE '^ok ' "$log")
  f=$(grep -cE '^not ok ' "$log")
  planned=$(grep -oE '^1\.\.[0-9]+' "$log" | head -1 | cut -c4-)
  # a crash or early exit: count the missing tests (or the program) as failed
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ -n "$planned" ] && [ $((p + f)) -lt "$planned" ]; then f=$((planned - p)); fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -gt 0 ]; then
    echo "FAIL $name ($p passed, $f failed) ${secs} s — log: $log"
    grep -E '^not ok |ERROR|FAIL|assert|Bail out' "$log" | head -20 | sed 's/^/    /'
    tail -5 "$log" | sed 's/^/    | /'
  else
    echo "ok   $name ($p passed) ${secs} s"
  fi
}

declare -A test_of   # pid -> test
running=0
# Waits for one running test to finish and reports it.
reap () {
  local pid
  wait -n -p pid
  report "${test_of[$pid]}"
  unset "test_of[$pid]"
  running=$((running - 1))
}
mapfile -t queue <<<"$(order "$@")"
for t in "${queue[@]}"; do
  [ -n "$t" ] || continue
  [ "$running" -lt "$jobs" ] || reap
  run_one "$t" &
  test_of[$!]=$t
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do reap; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
