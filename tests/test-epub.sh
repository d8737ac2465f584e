#!/usr/bin/env bash
# test-epub.sh — `epaper build --epub` end to end: epubcheck (horizontal,
# vertical, with and without embedded fonts), byte-identical rebuilds,
# well-formed XHTML, the front-page preview as cover (never one left in the
# folder).
set -u
. "$(dirname "$0")/tap.sh"
EX="$SRC/tests/editions/example"

# Every EPUB is checked at the end, all in one epubcheck run: "NAME|PATH".
to_check=()

for variant in plain vertical fonts vertical-fonts; do
  flags=""
  case $variant in
    vertical) flags="--vertical" ;;
    fonts) flags="--embed-fonts" ;;
    vertical-fonts) flags="--vertical --embed-fonts" ;;
  esac
  out="$tmp/$variant"
  # shellcheck disable=SC2086
  "$EPAPER" -q build "$EX" -o "$out" --epub $flags 2>"$tmp/err"
  ok_if "build --epub $flags exits 0" test $? -eq 0
  ok_if "$variant: writes only edition.epub and the list of what it wrote (no temp files)" \
    bash -c "test \"\$(ls -A '$out' | tr '\n' ' ')\" = '.epaper-build edition.epub ' && grep -qx -- '- edition.epub' '$out/.epaper-build'"
  to_check+=("$variant|$out/edition.epub")
  # shellcheck disable=SC2086
  "$EPAPER" -q build "$EX" -o "$out-again" --epub $flags 2>/dev/null
  ok_if "$variant: rebuild is byte-identical" cmp "$out/edition.epub" "$out-again/edition.epub"
done

# The sample pages (seeds/, through the importer) as one edition.
"$EPAPER" -q build "$SRC"/seeds/*.txt -o "$tmp/seeds" --epub 2>/dev/null
ok_if "seeds: build --epub exits 0" test $? -eq 0
to_check+=("seeds|$tmp/seeds/edition.epub")
"$EPAPER" -q build "$SRC"/seeds/*.txt -o "$tmp/seeds-vf" --epub --vertical --embed-fonts 2>/dev/null
to_check+=("seeds --vertical --embed-fonts|$tmp/seeds-vf/edition.epub")

ok_if "mimetype is the first entry" bash -c "unzip -Z1 '$tmp/plain/edition.epub' | head -1 | grep -qx mimetype"
ok_if "mimetype is stored" bash -c "unzip -Zv '$tmp/plain/edition.epub' mimetype | grep -q 'compression method:.*none (stored)'"
ok_if "vertical spine is rtl" bash -c "unzip -p '$tmp/vertical/edition.epub' EPUB/package.opf | grep -q 'page-progression-direction=\"rtl\"'"
ok_if "embedded fonts are present" bash -c "unzip -Z1 '$tmp/fonts/edition.epub' | grep -qx EPUB/fonts/serif.otf"

mkdir -p "$tmp/x"
(cd "$tmp/x" && unzip -q "$tmp/vertical-fonts/edition.epub")
ok_if "every XHTML, OPF and XML file is well-formed (xmllint)" \
  bash -c "find '$tmp/x' -name '*.xhtml' -o -name '*.opf' -o -name '*.xml' | xargs xmllint --noout"

# Stripping the tags gives the article text (spot check on the CLI path;
# the vertical EPUB sets quotes in their vertical forms).
strip () { sed -e 's/<[^>]*>//g' "$1" | tr -d ' \n\t'; }
ok_if "article text survives tag stripping" \
  bash -c "$(declare -f strip); strip '$tmp/x/EPUB/text/a-natural-gas.xhtml' | grep -q '二是尽快推进『吕气吕用』，价优量足保障本市区域内用气需求。13个县（市、区）中'"

# An EPUB-only build never takes its cover from a preview it finds in the
# folder (it may be another edition's): the typographic cover, the same
# bytes as in a fresh folder.
mkdir -p "$tmp/withpdf/pages"
cp "$tmp/x/EPUB/images/cover.png" "$tmp/withpdf/pages/p1.png"
printf 'marker' >>"$tmp/withpdf/pages/p1.png"
"$EPAPER" -q build "$EX" -o "$tmp/withpdf" --epub 2>/dev/null
ok_if "a pages/p1.png left in the folder is not the cover" \
  bash -c "! unzip -p '$tmp/withpdf/edition.epub' EPUB/images/cover.png | cmp -s - '$tmp/withpdf/pages/p1.png'"
ok_if "... the EPUB is the one a fresh folder gets" cmp "$tmp/withpdf/edition.epub" "$tmp/plain/edition.epub"
ok_if "... and the desk's pages/p1.png stays" test -s "$tmp/withpdf/pages/p1.png"

# A full build (PDF stage first): its front-page preview, halved, is the cover.
mkdir -p "$tmp/tmpdir"
TMPDIR="$tmp/tmpdir" "$EPAPER" -q build "$EX" -o "$tmp/full" 2>/dev/null
ok_if "full build writes edition.pdf, pages/p1.png and edition.epub" \
  test -s "$tmp/full/edition.pdf" -a -s "$tmp/full/pages/p1.png" -a -s "$tmp/full/edition.epub"
unzip -p "$tmp/full/edition.epub" EPUB/images/cover.jpg >"$tmp/full-cover.jpg"
# width of a PNG (IHDR) or JPEG (SOF marker)
pngw () { python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
if d[:4] == b'\x89PNG':
    print(struct.unpack('>I', d[16:20])[0])
else:
    i = 2
    while d[i] == 0xFF and d[i + 1] not in (0xC0, 0xC1, 0xC2):
        i += 2 + struct.unpack('>H', d[i + 2:i + 4])[0]
    print(struct.unpack('>H', d[i + 7:i + 9])[0])
PY
}
ok_if "full build: the EPUB cover is the front page as JPEG, 600 px wide (half pages/p1.png)" \
  test "$(pngw "$tmp/full-cover.jpg")" = 600 -a "$(pngw "$tmp/full/pages/p1.png")" = 1200
ok_if "full build: the OPF names the cover image/jpeg" \
  bash -c "unzip -p '$tmp/full/edition.epub' EPUB/package.opf | grep -q 'href=\"images/cover.jpg\" media-type=\"image/jpeg\" properties=\"cover-image\"'"
ok_if "full build: the cover is much smaller than pages/p1.png" \
  test $(( $(stat -c %s "$tmp/full-cover.jpg") * 2 )) -lt "$(stat -c %s "$tmp/full/pages/p1.png")"
ok_if "full build: no temporary file is left" test -z "$(ls -A "$tmp/tmpdir")"
to_check+=("full build|$tmp/full/edition.epub")

touch "$tmp/file"
"$EPAPER" -q build "$EX" -o "$tmp/file" --epub 2>"$tmp/err"
ok_if "unwritable output folder exits 1" test $? -eq 1

# epubcheck must report no fatals, errors or warnings for any of them.
epubcheck_all "$tmp/epubcheck.log" "${to_check[@]#*|}"
grep -vE ': 0 fatals / 0 errors / 0 warnings$|^Validating using' "$tmp/epubcheck.log" | sed 's/^/# /'
for c in "${to_check[@]}"; do
  ok_if "${c%%|*}: epubcheck reports 0 errors and 0 warnings" epubcheck_clean "$tmp/epubcheck.log" "${c#*|}"
done
done_testing
