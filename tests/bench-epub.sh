#!/usr/bin/env bash
# bench-epub.sh — `epaper build EDITION -o OUT --epub` for the example
# edition: time per run (wall and CPU, whole process: load sources, build,
# write) and EPUB size.  Figures only.
set -u
EPAPER=${EPAPER:-build/epaper}
SRC=${SRCDIR:-.}
EX="$SRC/tests/editions/example"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=10

# bench_cli LABEL OUT_DIR FLAGS… — mean wall and CPU time of $runs builds.
bench_cli () {
  local label=$1 out=$2; shift 2
  local t0 t1 cpu
  "$EPAPER" -q build "$EX" -o "$out" --epub "$@" || exit 1   # warm the caches
  t0=$(date +%s%N)
  cpu=$( { TIMEFORMAT='%U %S'; time (for _ in $(seq $runs); do
           "$EPAPER" -q build "$EX" -o "$out" --epub "$@"; done) ; } 2>&1 )
  t1=$(date +%s%N)
  awk -v l="$label" -v w=$(( (t1 - t0) / runs )) -v c="$cpu" -v n=$runs \
      -v s="$(stat -c %s "$out/edition.epub")" \
      'BEGIN { split(c, a, " "); printf "epaper build --epub %-32s %7.1f ms wall %7.1f ms CPU %8d bytes\n", l, w / 1e6, (a[1] + a[2]) * 1000 / n, s }'
}

bench_cli "(rendered cover)" "$tmp/plain"
# An EPUB-only build of a folder with previews: pages/p1.png is the cover.
"$EPAPER" -q build "$EX" -o "$tmp/pipeline" --pdf || exit 1
bench_cli "(PDF stage's pages/p1.png)" "$tmp/pipeline"
bench_cli "--vertical" "$tmp/vertical" --vertical
bench_cli "--embed-fonts" "$tmp/fonts" --embed-fonts
cover=$(unzip -Zv "$tmp/plain/edition.epub" EPUB/images/cover.png | awk '/compressed size:/ { print $3; exit }')
echo "epub size without the cover image: $(( $(stat -c %s "$tmp/plain/edition.epub") - cover )) bytes (cover.png $cover bytes compressed)"
