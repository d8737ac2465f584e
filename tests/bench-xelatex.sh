#!/usr/bin/env bash
# bench-xelatex.sh — epaper against xelatex + ctex on the same machine in
# the same run.  Sample page 000 (about 6,300 Han characters, 7 articles) is
# imported once; tests/bench/edition-to-tex.py turns those sources into a
# XeLaTeX + ctex document (5 columns with multicol on A3, the same fonts);
# then each side is run $BENCH_RUNS times (after one untimed warm-up run)
# and the best wall time, the highest peak RSS (/usr/bin/time %M) and the
# output sizes are printed, with the speed ratio.  Figures only: not a test.
#   env: EPAPER (binary), SRCDIR (source root), BENCH_RUNS (default 5)
# Needs texlive-xetex and texlive-lang-chinese (`make bench` installs them).
set -u
EPAPER=${EPAPER:-build/epaper}
SRC=${SRCDIR:-.}
runs=${BENCH_RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for tool in xelatex /usr/bin/time python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench-xelatex: $tool missing (make bench installs texlive-xetex, texlive-lang-chinese, time)" >&2
    exit 1
  fi
done

"$EPAPER" -q import "$SRC"/seeds/000_*.txt -o "$tmp/src" --date 2025-02-19 2>/dev/null || exit 1
mkdir -p "$tmp/tex"
python3 "$SRC/tests/bench/edition-to-tex.py" "$tmp/src" >"$tmp/tex/edition.tex" || exit 1

# measure NAME DIR COMMAND… — runs COMMAND in DIR (warm-up + $runs times);
# sets best_ms (best wall time, ms) and peak_kb (highest peak RSS, KiB)
measure () {
  local name=$1 dir=$2 t0 t1 ms kb
  shift 2
  best_ms=""; peak_kb=0
  (cd "$dir" && "$@") >"$tmp/$name.log" 2>&1 || {
    echo "bench-xelatex: $name failed:" >&2; tail -20 "$tmp/$name.log" >&2; exit 1; }
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    (cd "$dir" && /usr/bin/time -f %M -o "$tmp/$name.rss" "$@") >/dev/null 2>&1 || exit 1
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    kb=$(tail -1 "$tmp/$name.rss")
    [ -z "$best_ms" ] || [ "$ms" -lt "$best_ms" ] && best_ms=$ms
    [ "$kb" -gt "$peak_kb" ] && peak_kb=$kb
  done
}

mib () { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
pages () { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

measure xelatex "$tmp/tex" xelatex -interaction=batchmode -halt-on-error edition.tex
tex_ms=$best_ms tex_kb=$peak_kb
tex_pdf="$tmp/tex/edition.pdf"
printf 'bench-xelatex: seed 000, best of %d runs (wall), peak RSS = highest of the runs\n' "$runs"
printf '  %-44s %6d ms %5s MiB   PDF %7d bytes, %d A3 pages\n' \
  "xelatex + ctex (5 columns, A3; PDF only)" "$tex_ms" "$(mib "$tex_kb")" \
  "$(stat -c %s "$tex_pdf")" "$(pages "$tex_pdf")"

# compare LABEL OUT BUILD-OPTIONS… — epaper build of the same sources
compare () {
  local label=$1 out=$2
  shift 2
  measure "$out" "$tmp" "$EPAPER" -q build "$tmp/src" -o "$tmp/$out" "$@"
  local extra=""
  [ -f "$tmp/$out/edition.epub" ] && extra=", EPUB $(stat -c %s "$tmp/$out/edition.epub") bytes"
  printf '  %-44s %6d ms %5s MiB   PDF %7d bytes, %d page%s   %5.1fx faster\n' \
    "$label" "$best_ms" "$(mib "$peak_kb")" "$(stat -c %s "$tmp/$out/edition.pdf")" \
    "$(pages "$tmp/$out/edition.pdf")" "$extra" \
    "$(awk -v a="$tex_ms" -v b="$best_ms" 'BEGIN { print a / (b > 0 ? b : 1) }')"
}
compare "epaper PDF + EPUB (--no-previews)" pe --no-previews
compare "epaper PDF only (--pdf --no-previews)" p --pdf --no-previews
compare "epaper full build (+ previews, web reader)" full
echo "  epaper: broadsheet (8 columns, 1 page, tagged PDF, bookmarks); the EPUB"
echo "  without embedded fonts; the full build adds pages/p1.png (1200 px),"
echo "  p1@2x.png, p1-thumb.png and reader/; xelatex writes the PDF only."
