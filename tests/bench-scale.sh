#!/usr/bin/env bash
# bench-scale.sh — how time and memory grow with the edition: sample page
# 000's copy (7 articles, about 6,300 Han characters) once, twice, 4 and 8
# times over as many broadsheet pages, built without and with page
# previews.  Each size is built $BENCH_RUNS times, the sizes interleaved;
# printed: median wall and CPU time (user + system), highest peak RSS, and
# the least-squares line CPU = a + b × pages with each size's deviation
# from it (linear growth: small deviations, peak RSS flat — one page's
# images in memory at a time).  Figures only: not a test.
#   env: EPAPER (binary), SRCDIR (source root), BENCH_RUNS (default 3)
set -u
EPAPER=${EPAPER:-build/epaper}
SRC=${SRCDIR:-.}
runs=${BENCH_RUNS:-3}
sizes=(1 2 4 8)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$SRC/tests/bench/seed000.sh"
bench_need bench-scale "Debian package 'time'" /usr/bin/time
import_seed000 "$tmp/one"
# an edition of K pages, each with its own copy of the sample's articles
for k in "${sizes[@]}"; do
  python3 - "$tmp/one" "$tmp/x$k" "$k" <<'EOF' || exit 1
import os, re, shutil, sys
src, dst, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(dst)
head, _, rest = open(os.path.join(src, 'edition.yaml'), encoding='utf-8').read().partition('pages:\n')
arts = re.findall(r'- "(.*?\.md)"', rest)
out = [head + 'pages:\n']
for p in range(1, k + 1):
    out.append('  - section: "要闻%d"\n    articles:\n' % p)
    for a in arts:
        name = 'c%d-%s' % (p, a)
        shutil.copy(os.path.join(src, a), os.path.join(dst, name))
        out.append('      - "%s"\n' % name)
open(os.path.join(dst, 'edition.yaml'), 'w', encoding='utf-8').write(''.join(out))
EOF
done

# run_once NAME OUT ARGS… — appends "wall_ms cpu_ms rss_kb" to $tmp/NAME.runs
run_once () {
  local name=$1 out=$2 t0 t1
  shift 2
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$tmp/$name.time" "$EPAPER" -q build "$@" -o "$out" \
    >/dev/null 2>"$tmp/$name.log" || { echo "bench-scale: $name failed:" >&2; cat "$tmp/$name.log" >&2; exit 1; }
  t1=$(date +%s%N)
  awk -v w=$(( (t1 - t0) / 1000000 )) '{ printf "%d %.0f %d\n", w, ($1 + $2) * 1000, $3 }' \
    "$tmp/$name.time" >>"$tmp/$name.runs"
}
for _ in $(seq "$runs"); do
  for k in "${sizes[@]}"; do
    run_once "np$k" "$tmp/out-np$k" "$tmp/x$k" --no-previews
    run_once "pv$k" "$tmp/out-pv$k" "$tmp/x$k"
  done
done

median () { cut -d' ' -f"$1" "$2" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
peak () { cut -d' ' -f3 "$1" | sort -n | tail -1; }
pages () { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
for mode in np pv; do
  [ $mode = np ] && echo "bench-scale: PDF + EPUB + reader (--no-previews), medians of $runs runs" \
                 || echo "bench-scale: PDF + EPUB + reader + page previews, medians of $runs runs"
  : >"$tmp/$mode.fit"
  for k in "${sizes[@]}"; do
    n=$(pages "$tmp/out-$mode$k/edition.pdf")
    echo "$n $(median 2 "$tmp/$mode$k.runs")" >>"$tmp/$mode.fit"
    printf '  %d× copy, %2d pages: %6d ms wall %6d ms CPU %5.0f MiB peak RSS  %5.1f ms CPU a page\n' \
      "$k" "$n" "$(median 1 "$tmp/$mode$k.runs")" "$(median 2 "$tmp/$mode$k.runs")" \
      "$(awk -v k="$(peak "$tmp/$mode$k.runs")" 'BEGIN { print k / 1024 }')" \
      "$(awk -v c="$(median 2 "$tmp/$mode$k.runs")" -v n="$n" 'BEGIN { print c / n }')"
  done
  awk '{ x[NR] = $1; y[NR] = $2; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2 }
       END { b = (NR * sxy - sx * sy) / (NR * sxx - sx * sx); a = (sy - b * sx) / NR;
             printf "  CPU = %.0f ms + %.1f ms × pages; deviation from the line:", a, b;
             for (i = 1; i <= NR; i++) printf " %+.0f%%", 100 * (y[i] - a - b * x[i]) / y[i];
             printf "\n" }' "$tmp/$mode.fit"
done
