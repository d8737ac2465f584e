#!/usr/bin/env bash
# fuzz-run.sh — runs each libFuzzer harness ($BUILD/fuzz/fuzz-*, `make
# fuzz`) for FUZZ_SECONDS on a fresh corpus seeded from the sources it
# reads (seeds/, tests/editions/, tests/import/, tests/archive/) and the
# regression inputs of earlier findings (tests/fuzz/regressions/NAME/);
# ok when no run crashed, failed an assertion, tripped a sanitizer or
# leaked.  `make check SANITIZE=1` runs it (never plain `make check`); a
# finding is left in $BUILD/fuzz/findings/ to become a regression input.
set -u
. "$(dirname "$0")/tap.sh"
BUILD=${BUILD:-build}
SECONDS_EACH=${FUZZ_SECONDS:-25}

seed () {  # seed NAME DIR: copies the seed files for harness NAME into DIR
  mkdir -p "$2"
  case $1 in
    fuzz-model)
      find "$SRC/tests/editions" "$SRC/tests/archive" -type f \
        \( -name '*.md' -o -name '*.yaml' -o -name '*.jpg' -o -name '*.png' \) ;;
    fuzz-import)
      find "$SRC/seeds" "$SRC/tests/import" -type f -name '*.txt' ;;
  esac | while read -r f; do cp "$f" "$2/$(echo "$f" | md5sum | cut -c1-12)"; done
  if [ -d "$SRC/tests/fuzz/regressions/${1#fuzz-}" ]; then
    cp "$SRC/tests/fuzz/regressions/${1#fuzz-}"/* "$2/" 2>/dev/null
  fi
}

mkdir -p "$BUILD/fuzz/findings"
for bin in "$BUILD"/fuzz/fuzz-*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  seed "$name" "$tmp/seed-$name"
  mkdir -p "$tmp/corpus-$name"
  "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$BUILD/fuzz/findings/$name-" "$tmp/corpus-$name" "$tmp/seed-$name" \
    >"$tmp/$name.log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$tmp/$name.log" | grep -o '[0-9]*$')
  echo "# $name: ${runs:-?} runs in ${SECONDS_EACH} s, exit $rc"
  [ "$rc" -eq 0 ] || sed -n '/==ERROR\|Assertion\|ERROR:\|SUMMARY/,+12p' "$tmp/$name.log" | head -40 | sed 's/^/# /'
  ok_if "$name: ${runs:-?} runs without a crash, sanitizer report or leak" test "$rc" -eq 0
  ok_if "$name: seeded from $(ls "$tmp/seed-$name" | wc -l) source files" test -n "$(ls "$tmp/seed-$name")"
done
ok_if "the harnesses were built (make fuzz)" test -x "$BUILD/fuzz/fuzz-model" -a -x "$BUILD/fuzz/fuzz-import"
done_testing
