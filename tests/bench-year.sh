#!/usr/bin/env bash
# bench-year.sh — a year of editions: sample page 000's sources, imported
# once, added $BENCH_DAYS times (default 365) to a new archive with dates
# from 2024-01-01 on, every add a full build (PDF, EPUB, page previews, web
# reader) and store.  The adds run as independent `epaper archive add`
# processes, $BENCH_JOBS at a time (default: the number of cores); each
# builds without the archive's lock, which serialises only the commits.
# Printed: the wall time, the CPU time of all adds (user + system), the
# archive's size, then search times in the year's archive (median of 5 of
# the whole command, and of the query alone).  Figures only: not a test.
#   env: EPAPER (binary), SRCDIR (source root), BENCH_DAYS, BENCH_JOBS
set -u
EPAPER=${EPAPER:-build/epaper}
SRC=${SRCDIR:-.}
days=${BENCH_DAYS:-365}
jobs=${BENCH_JOBS:-$(nproc)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$SRC/tests/bench/seed000.sh"
bench_need bench-year "Debian package 'time'" /usr/bin/time
import_seed000 "$tmp/src"
python3 -c "
import datetime
d = datetime.date(2024, 1, 1)
for i in range($days):
    print(d + datetime.timedelta(days=i))" >"$tmp/dates"

A=$tmp/archive
t0=$(date +%s%N)
/usr/bin/time -f '%e %U %S' -o "$tmp/time" \
  xargs -P "$jobs" -I{} "$EPAPER" -q archive add "$A" "$tmp/src" --date {} <"$tmp/dates" \
  2>"$tmp/add.log" || { echo "bench-year: an add failed:" >&2; tail -20 "$tmp/add.log" >&2; exit 1; }
t1=$(date +%s%N)
stored=$(find "$A" -name manifest.json | wc -l)
read -r _ user sys <"$tmp/time"
printf 'bench-year: %d editions built and archived in %.1f s wall (%d processes at a time; CPU %.1f s, %.0f ms an edition), %s\n' \
  "$stored" "$(awk -v t=$(( (t1 - t0) / 1000000 )) 'BEGIN { print t / 1000 }')" "$jobs" \
  "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
  "$(awk -v u="$user" -v s="$sys" -v n="$stored" 'BEGIN { print (u + s) * 1000 / n }')" \
  "$(du -sh "$A" | cut -f1) archive"
"$EPAPER" -q archive verify "$A" || { echo "bench-year: verify failed" >&2; exit 1; }

. "$SRC/tests/bench/search-times.sh"
for q in 科技成果转化 吕梁 氢能; do
  echo "  $(search_times "$A" "$q" 100)"
done
