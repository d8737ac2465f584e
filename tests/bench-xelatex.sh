#!/usr/bin/env bash
# bench-xelatex.sh — epaper against xelatex + ctex on the same machine in
# the same run.  Sample page 000 (about 6,300 Han characters, 7 articles) is
# imported once; tests/bench/edition-to-tex.py turns those sources into a
# XeLaTeX + ctex document (5 columns with multicol on A3, the same fonts);
# then each command is run $BENCH_RUNS times, interleaved (after one untimed
# warm-up run each), so that all see the same machine load.  Printed per
# command: the median wall time, the median CPU time (user + system, all
# threads), the highest peak RSS (/usr/bin/time %M) and the output sizes;
# per epaper command the speed ratio to xelatex as the ratio of the medians
# and as the median of the ratios of runs side by side (the pair of run i).
# Figures only: not a test.
#   env: EPAPER (binary), SRCDIR (source root), BENCH_RUNS (default 7)
# Needs texlive-xetex and texlive-lang-chinese (`make bench` installs them).
set -u
EPAPER=${EPAPER:-build/epaper}
SRC=${SRCDIR:-.}
runs=${BENCH_RUNS:-7}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$SRC/tests/bench/seed000.sh"
bench_need bench-xelatex "make bench installs texlive-xetex, texlive-lang-chinese, time" \
  xelatex /usr/bin/time python3 pdfinfo
import_seed000 "$tmp/src"
mkdir -p "$tmp/tex"
python3 "$SRC/tests/bench/edition-to-tex.py" "$tmp/src" >"$tmp/tex/edition.tex" || exit 1

names=(tex np full pdf)
labels=("xelatex + ctex (5 columns, A3; PDF only)"
        "epaper PDF + EPUB + reader (--no-previews)"
        "epaper PDF + EPUB + reader + page previews"
        "epaper PDF only (--pdf --no-previews)")
dirs=("$tmp/tex" "$tmp" "$tmp" "$tmp")
cmds=("xelatex -interaction=batchmode -halt-on-error edition.tex"
      "$EPAPER -q build $tmp/src -o $tmp/np --no-previews"
      "$EPAPER -q build $tmp/src -o $tmp/full"
      "$EPAPER -q build $tmp/src -o $tmp/pdf --pdf --no-previews")

#   run_once NAME DIR COMMAND… — one timed run: appends "wall_ms cpu_ms rss_kb"
#   to $tmp/NAME.runs
run_once () {
  local name=$1 dir=$2 t0 t1
  shift 2
  t0=$(date +%s%N)
  (cd "$dir" && /usr/bin/time -f '%U %S %M' -o "$tmp/$name.time" "$@") >"$tmp/$name.log" 2>&1 || {
    echo "bench-xelatex: $name failed:" >&2; tail -20 "$tmp/$name.log" >&2; exit 1; }
  t1=$(date +%s%N)
  awk -v w=$(( (t1 - t0) / 1000000 )) '{ printf "%d %.0f %d\n", w, ($1 + $2) * 1000, $3 }' \
    "$tmp/$name.time" >>"$tmp/$name.runs"
}

for i in "${!names[@]}"; do   # untimed warm-up (page cache, font caches)
  run_once "${names[$i]}" "${dirs[$i]}" ${cmds[$i]}
  : >"$tmp/${names[$i]}.runs"
done
for _ in $(seq "$runs"); do
  for i in "${!names[@]}"; do
    run_once "${names[$i]}" "${dirs[$i]}" ${cmds[$i]}
  done
done

mib () { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
pages () { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# median N FILE — median of column N
median () { cut -d' ' -f"$1" "$2" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
peak () { cut -d' ' -f3 "$1" | sort -n | tail -1; }
# pair_ratio NAME COL — median over runs i of tex[i] / NAME[i] in column COL
pair_ratio () {
  paste -d' ' <(cut -d' ' -f"$2" "$tmp/tex.runs") <(cut -d' ' -f"$2" "$tmp/$1.runs") |
    awk '{ print $1 / ($2 > 0 ? $2 : 1) }' | sort -g |
    awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] }'
}

tex_pdf="$tmp/tex/edition.pdf"
printf 'bench-xelatex: seed 000, %d interleaved runs of each; wall and CPU (user + system) are medians,\n' "$runs"
printf '  peak RSS the highest of the runs; ratios to xelatex: of the medians / median of the side-by-side pairs\n'
printf '  %-44s %8s %8s %8s\n' "" "wall" "CPU" "peak RSS"
for i in "${!names[@]}"; do
  n=${names[$i]}
  w=$(median 1 "$tmp/$n.runs") c=$(median 2 "$tmp/$n.runs")
  printf '  %-44s %5d ms %5d ms %4s MiB' "${labels[$i]}" "$w" "$c" "$(mib "$(peak "$tmp/$n.runs")")"
  if [ "$n" = tex ]; then
    printf '   PDF %d bytes, %d A3 pages\n' "$(stat -c %s "$tex_pdf")" "$(pages "$tex_pdf")"
    tw=$w tc=$c
  else
    printf '   %5.1fx / %sx faster (CPU %4.1fx)\n' \
      "$(awk -v a="$tw" -v b="$w" 'BEGIN { print a / (b > 0 ? b : 1) }')" "$(pair_ratio "$n" 1)" \
      "$(awk -v a="$tc" -v b="$c" 'BEGIN { print a / (b > 0 ? b : 1) }')"
  fi
done
out=$tmp/full
printf '  epaper outputs: PDF %d bytes (%d broadsheet page, tagged, subset fonts); EPUB %d bytes;\n' \
  "$(stat -c %s "$out/edition.pdf")" "$(pages "$out/edition.pdf")" "$(stat -c %s "$out/edition.epub")"
printf '  previews %s\n' "$(cd "$out/pages" && for f in *; do printf '%s %d KB  ' "$f" $(( $(stat -c %s "$f") / 1024 )); done)"
echo "  xelatex writes the PDF only."
