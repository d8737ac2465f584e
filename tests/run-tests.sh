#!/usr/bin/env bash
# Runs every test program (GTest binaries and TAP shell scripts) and prints
# one summary line "N passed, N failed".  Exit status 1 on any failure.
#   usage: run-tests.sh TEST…   (env: EPAPER, SRCDIR, BUILD)
set -u
passed=0 failed=0
log_dir="${BUILD:-build}/test-logs"
mkdir -p "$log_dir"
for t in "$@"; do
  name=$(basename "$t")
  log="$log_dir/$name.log"
  case "$t" in
    *.sh) bash "$t" >"$log" 2>&1 ;;
    *)    "$t" --tap >"$log" 2>&1 ;;
  esac
  rc=$?
  p=$(grep -cE '^ok ' "$log")
  f=$(grep -cE '^not ok ' "$log")
  planned=$(grep -oE '^1\.\.[0-9]+' "$log" | head -1 | cut -c4-)
  # a crash or early exit: count the missing tests (or the program) as failed
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ -n "$planned" ] && [ $((p + f)) -lt "$planned" ]; then f=$((planned - p)); fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -gt 0 ]; then
    echo "FAIL $name ($p passed, $f failed) — log: $log"
    grep -E '^not ok |ERROR|FAIL|assert|Bail out' "$log" | head -20 | sed 's/^/    /'
    tail -5 "$log" | sed 's/^/    | /'
  else
    echo "ok   $name ($p passed)"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
