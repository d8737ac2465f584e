#!/usr/bin/env bash
# bench-build.sh — time and peak memory to build the sample editions, and
# PDF bytes per page.  Prints figures; it is not a test.
#   env: EPAPER (binary), SRCDIR (source root)
set -u
EPAPER=${EPAPER:-build/epaper}
SRC=${SRCDIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "bench-build: /usr/bin/time missing (Debian package 'time')" >&2
  exit 1
fi

# bench EDITION LAYOUT [extra build options]; EDITION is a folder in
# tests/editions/ or a path
bench () {
  local ed=$1 layout=$2 out="$tmp/$(basename "$1")-$2" dir=$1
  shift 2
  [ -d "$dir" ] || dir="$SRC/tests/editions/$ed"
  if ! "$TIME" -v "$EPAPER" -q build "$dir" -o "$out" --layout "$layout" "$@" \
       2>"$out.time" >/dev/null; then
    echo "bench-build: $ed on $layout failed:" >&2
    grep -v '^\s' "$out.time" >&2
    return 1
  fi
  local secs mem pages bytes
  secs=$(sed -n 's/.*Elapsed (wall clock) time.*: \(.*\)/\1/p' "$out.time" |
         awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  mem=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out.time")
  pages=$(pdfinfo "$out/edition.pdf" | sed -n 's/^Pages: *//p')
  bytes=$(stat -c %s "$out/edition.pdf")
  printf '%-10s %-10s %6.2f s  %6.1f MiB  %2d pages  %8d bytes PDF  %7d bytes/page\n' \
         "$(basename "$ed")" "$layout" "$secs" "$(awk -v k="$mem" 'BEGIN { print k / 1024 }')" "$pages" "$bytes" $((bytes / pages))
}

echo "bench-build: wall time, peak RSS, PDF size (--pdf: edition.pdf + page previews (1x, @2x, thumbnail); all: + EPUB + reader; --no-previews: PDF + EPUB + reader, no previews)"
# sample page 000 (about 6,300 Han characters, 7 articles) through the
# importer, as the reference figures for xelatex/WeasyPrint were taken
if "$EPAPER" -q import "$SRC"/seeds/000_*.txt -o "$tmp/seed000" >/dev/null 2>&1; then
  bench "$tmp/seed000" broadsheet --pdf
  bench "$tmp/seed000" broadsheet
  bench "$tmp/seed000" broadsheet --no-previews
fi
bench example broadsheet --pdf
bench full broadsheet --pdf
bench full tabloid --pdf
bench full a4 --pdf
bench full ereader --pdf
bench figures a4 --pdf
