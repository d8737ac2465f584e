#!/usr/bin/env bash
# bench-archive.sh — figures for `epaper archive` (not a test):
#   1. time to add one edition (the example edition; built with PDF/EPUB when
#      the build stages can, else --no-build), median of 5 adds;
#   2. search time over an archive of 365 synthetic editions.
# The synthetic archive: one edition made from the five seed pages (each page
# split into ~800-character articles, ~35,000 characters an edition) is added
# with `archive add --no-build`; its stored folder is then cloned to 364 more
# dates (manifest date rewritten, every hash still valid) and
# `archive reindex` builds archive.sqlite, index.html and the OPDS feeds from
# those manifests and stored sources.  No PDFs are built for the 365.
set -u
EPAPER=${EPAPER:-build/epaper}
SRC=${SRCDIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_ms () { date +%s%N | cut -c1-13; }
median () { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# ---------------------------------------------------------------- 1. add
mode=""
if "$EPAPER" -q archive add "$tmp/probe" "$SRC/tests/editions/example" >/dev/null 2>&1; then
  mode="with PDF + EPUB build"; flag=""
else
  mode="--no-build (the PDF/EPUB stages are not in this build)"; flag="--no-build"
fi
for i in 1 2 3 4 5; do
  t0=$(now_ms)
  "$EPAPER" -q archive add "$tmp/add" "$SRC/tests/editions/example" --date 2025-01-0$i $flag || exit 1
  echo $(( $(now_ms) - t0 ))
done >"$tmp/add-times"
echo "archive add: $(median <"$tmp/add-times") ms per edition (median of 5, $mode)"

# ---------------------------------------------------------------- 2. 365 editions
python3 - "$SRC" "$tmp/synth" <<'EOF'
import glob, os, sys
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
pages = []
for n, seed in enumerate(sorted(glob.glob(os.path.join(src, 'seeds', '*.txt')))):
    paras = [p.replace('\n', '') for p in open(seed, encoding='utf-8').read().split('\n\n')]
    chunks, cur = [], ''
    for p in paras:
        p = p.strip()
        if not p:
            continue
        cur = cur + '\n\n' + p if cur else p
        if len(cur) >= 800:
            chunks.append(cur); cur = ''
    if cur:
        chunks.append(cur)
    names = []
    for k, c in enumerate(chunks):
        name = 'p%d-a%d.md' % (n + 1, k + 1)
        title = c.split('\n')[0][:24].replace('"', '').replace('\\', '') or '无题'
        with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
            f.write('---\ntitle: "%s"\n---\n%s\n' % (title, c))
        names.append(name)
    pages.append(names)
with open(os.path.join(out, 'edition.yaml'), 'w', encoding='utf-8') as f:
    f.write('paper: 吕梁日报\ndate: 2024-01-01\nissue: "7000"\npages:\n')
    for n, names in enumerate(pages):
        f.write('  - section: 第%d版\n    articles:\n' % (n + 1))
        for name in names:
            f.write('      - %s\n' % name)
EOF
A=$tmp/a365
"$EPAPER" -q archive add "$A" "$tmp/synth" --date 2024-01-01 --no-build || exit 1
python3 - "$A" <<'EOF'
import datetime, json, shutil, os, sys
root = sys.argv[1]
first = os.path.join(root, '2024', '01', '01')
m = json.load(open(os.path.join(first, 'manifest.json'), encoding='utf-8'))
d0 = datetime.date(2024, 1, 1)
for i in range(1, 365):
    d = d0 + datetime.timedelta(days=i)
    dst = os.path.join(root, '%04d' % d.year, '%02d' % d.month, '%02d' % d.day)
    shutil.copytree(first, dst)
    m['date'] = d.isoformat()
    m['issue'] = str(7000 + i)
    with open(os.path.join(dst, 'manifest.json'), 'w', encoding='utf-8') as f:
        json.dump(m, f, ensure_ascii=False, indent=2)
EOF
t0=$(now_ms)
"$EPAPER" -q archive reindex "$A" || exit 1
echo "archive reindex: $(( $(now_ms) - t0 )) ms for 365 editions ($(find "$A" -name '*.md' | wc -l) articles," \
     "$(du -sh "$A/archive.sqlite" | cut -f1) database)"
t0=$(now_ms)
"$EPAPER" -q archive verify "$A" || exit 1
echo "archive verify: $(( $(now_ms) - t0 )) ms for 365 editions"

# Each query 5 times: the in-process query time (--time: the SQL query and
# snippets, archive already open) and the whole command (process start,
# lock, sync check, query, output).
t0=$(now_ms); "$EPAPER" --version >/dev/null; t1=$(now_ms)
echo "(process start alone, epaper --version: $((t1 - t0)) ms)"
. "$SRC/tests/bench/search-times.sh"
for q in 氢能共享单车 科学技术大会 吕梁 氢能 吕; do
  for lim in 100 0; do
    search_times "$A" "$q" $lim
  done
done
