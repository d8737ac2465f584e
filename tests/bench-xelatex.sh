#!/usr/bin/env bash
# bench-xelatex.sh — epaper against xelatex + ctex on the same machine in
# the same run.  Sample page 000 (about 6,300 Han characters, 7 articles) is
# imported once; tests/bench/edition-to-tex.py turns those sources into a
# XeLaTeX + ctex document (5 columns with multicol on A3, the same fonts);
# then each side is run $BENCH_RUNS times, interleaved (after one untimed
# warm-up run), and the best wall time, the highest peak RSS (/usr/bin/time %M) and the
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

# The runs are interleaved (xelatex, then each epaper build, then again …)
# so that both sides see the same machine load.
#   run_once NAME DIR COMMAND… — one timed run: sets ms (wall) and kb (peak RSS)
run_once () {
  local name=$1 dir=$2 t0 t1
  shift 2
  t0=$(date +%s%N)
  (cd "$dir" && /usr/bin/time -f %M -o "$tmp/$name.rss" "$@") >"$tmp/$name.log" 2>&1 || {
    echo "bench-xelatex: $name failed:" >&2; tail -20 "$tmp/$name.log" >&2; exit 1; }
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  kb=$(tail -1 "$tmp/$name.rss")
}

names=(tex pe p full)
dirs=("$tmp/tex" "$tmp" "$tmp" "$tmp")
cmds=("xelatex -interaction=batchmode -halt-on-error edition.tex"
      "$EPAPER -q build $tmp/src -o $tmp/pe --no-previews"
      "$EPAPER -q build $tmp/src -o $tmp/p --pdf --no-previews"
      "$EPAPER -q build $tmp/src -o $tmp/full")
declare -A best peak
for i in "${!names[@]}"; do   # untimed warm-up (caches, font lookups)
  run_once "${names[$i]}" "${dirs[$i]}" ${cmds[$i]}
  best[${names[$i]}]=999999999 peak[${names[$i]}]=0
done
for _ in $(seq "$runs"); do
  for i in "${!names[@]}"; do
    n=${names[$i]}
    run_once "$n" "${dirs[$i]}" ${cmds[$i]}
    [ "$ms" -lt "${best[$n]}" ] && best[$n]=$ms
    [ "$kb" -gt "${peak[$n]}" ] && peak[$n]=$kb
  done
done

mib () { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
pages () { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

tex_pdf="$tmp/tex/edition.pdf"
printf 'bench-xelatex: seed 000, best wall time of %d interleaved runs, peak RSS = highest of the runs\n' "$runs"
printf '  %-44s %6d ms %5s MiB   PDF %7d bytes, %d A3 pages\n' \
  "xelatex + ctex (5 columns, A3; PDF only)" "${best[tex]}" "$(mib "${peak[tex]}")" \
  "$(stat -c %s "$tex_pdf")" "$(pages "$tex_pdf")"

# report LABEL NAME — one epaper line, with the speed ratio to xelatex
report () {
  local label=$1 n=$2 out="$tmp/$2" extra=""
  [ -f "$out/edition.epub" ] && extra=", EPUB $(stat -c %s "$out/edition.epub") bytes"
  printf '  %-44s %6d ms %5s MiB   PDF %7d bytes, %d page%s   %5.1fx faster\n' \
    "$label" "${best[$n]}" "$(mib "${peak[$n]}")" "$(stat -c %s "$out/edition.pdf")" \
    "$(pages "$out/edition.pdf")" "$extra" \
    "$(awk -v a="${best[tex]}" -v b="${best[$n]}" 'BEGIN { print a / (b > 0 ? b : 1) }')"
}
report "epaper PDF + EPUB (--no-previews)" pe
report "epaper PDF only (--pdf --no-previews)" p
report "epaper full build (+ previews, web reader)" full
echo "  epaper: broadsheet (8 columns, 1 page), tagged PDF with bookmarks and subset"
echo "  fonts; EPUB 3 (no embedded fonts; cover = page 1 drawn 600 px wide) and"
echo "  reader/; the full build adds pages/p1.png (1200 px), p1@2x.png (2400 px),"
echo "  p1-thumb.png, and halves p1.png for the EPUB cover.  xelatex writes the PDF only."
