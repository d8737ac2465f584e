#!/usr/bin/env bash
# test-pdf-archive.sh — the archival PDF (edition.pdf) and the press PDF
# (edition-press.pdf).  Archival: every requirement of PDF/A-2a and
# PDF/UA-1 the project checks without veraPDF (tests/pdfcheck.py: /ID, /Lang,
# XMP equal to Info with the identification schemas, output intent,
# Document root, standard types only, /Alt on every Figure, furniture as
# Artifacts, one Art and one H1 per article, printable links with
# /Contents), poppler reads every sample without a warning, rebuilds are
# byte-identical.  Press: TrimBox/BleedBox from the layout inside the
# MediaBox, crop marks outside the bleed, a PDF/X-4 output intent with a
# CMYK profile, Ghostscript's inkcov gives C = M = Y = 0 on a text-only page
# (black on the K plate only) and the masthead red on M and Y, and a
# warning for every picture under 200 ppi.
set -u
. "$(dirname "$0")/tap.sh"

articles () { "$EPAPER" build --dump-model "$1" 2>/dev/null | python3 -c \
  "import json,sys; print(sum(len(p['articles']) for p in json.load(sys.stdin)['pages']))"; }
# build NAME SOURCE LAYOUT [FLAGS]
build () { "$EPAPER" -q build "$2" -o "$tmp/$1" --pdf --no-previews --layout "$3" ${4:-} 2>"$tmp/$1.err"; }

"$EPAPER" -q import "$SRC"/seeds/000_*.txt -o "$tmp/src000" --date 2025-02-19 2>/dev/null
"$EPAPER" -q import "$SRC"/seeds/004_*.txt -o "$tmp/src004" 2>/dev/null
set -- example:"$SRC/tests/editions/example":broadsheet figures:"$SRC/tests/editions/figures":broadsheet \
       crowded:"$SRC/tests/editions/crowded":tabloid s000e:"$tmp/src000":ereader \
       s004:"$tmp/src004":broadsheet
for spec in "$@"; do
  IFS=: read -r name dir layout <<<"$spec"
  build "$name" "$dir" "$layout"
  pdf="$tmp/$name/edition.pdf"
  ok_if "$name ($layout): builds" test -s "$pdf"
  ok_if "$name: pdfinfo shows a metadata stream" bash -c "pdfinfo '$pdf' | grep -q '^Metadata Stream: *yes'"
  ok_if "$name: poppler reads the structure and text without a warning" \
    bash -c "pdfinfo -struct '$pdf' 2>&1 >/dev/null | wc -c | grep -qx 0 && pdftotext '$pdf' - 2>&1 >/dev/null | wc -c | grep -qx 0"
  ok_if "$name: qpdf --check is clean" qpdf --check "$pdf"
  ok_if "$name: PDF/A-2a and PDF/UA-1 checks (tests/pdfcheck.py)" \
    python3 "$SRC/tests/pdfcheck.py" "$pdf" "$(articles "$dir")"
done
python3 "$SRC/tests/pdfcheck.py" "$tmp/s000e/edition.pdf" 0 >"$tmp/s000e.count"
ok_if "seed 000 on the e-reader: 7 articles over $(pdfinfo "$tmp/s000e/edition.pdf" | awk '/^Pages/ {print $2}') pages, one Art each" \
  grep -q "'Art': 7," "$tmp/s000e.count"
# (two pictures and the frame of a caption-only figure on broadsheet)
ok_if "figures: every Figure has its caption as /Alt" \
  bash -c "python3 '$SRC/tests/pdfcheck.py' '$tmp/figures/edition.pdf' 0 | grep -q \"'Figure': 3\" && pdfinfo -struct-text '$tmp/figures/edition.pdf' | grep -q '图为张伟委员在小组讨论中发言'"
ok_if "title and subtitle are separate elements" \
  bash -c "pdfinfo -struct-text '$tmp/example/edition.pdf' | grep -A1 '^    H1' | grep -qx '      \"激发科技成果转化新动能\"'"
build example2 "$SRC/tests/editions/example" broadsheet
ok_if "rebuilt archival PDF is byte-identical" cmp "$tmp/example/edition.pdf" "$tmp/example2/edition.pdf"

# the press PDF
build press "$SRC/tests/editions/example" broadsheet --press
P="$tmp/press/edition-press.pdf"
ok_if "--press writes edition-press.pdf next to edition.pdf" test -s "$P" -a -s "$tmp/press/edition.pdf"
ok_if "--press: the archival PDF is the same as without it" cmp "$tmp/press/edition.pdf" "$tmp/example/edition.pdf"
cat >"$tmp/boxes.py" <<'PY'
import re, subprocess, sys
out = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", "99", sys.argv[1]], capture_output=True, text=True).stdout
mm = 72 / 25.4
bleed, width, height = 3 * mm, 390 * mm, 550 * mm   # layouts/broadsheet.yaml
for page in re.findall(r"Page +\d+ MediaBox: +([\d. ]+)\n.*?TrimBox: +([\d. ]+)\n.*?BleedBox: +([\d. ]+)", out, re.S) or [None]:
    assert page, out
    m, t, b = ([float(v) for v in box.split()] for box in page)
    assert abs((t[2] - t[0]) - width) < 0.6 and abs((t[3] - t[1]) - height) < 0.6, ("trim", t)
    assert all(abs(b[i] - (t[i] - bleed)) < 0.01 for i in (0, 1)), ("bleed", b, t)
    assert all(abs(b[i] - (t[i] + bleed)) < 0.01 for i in (2, 3)), ("bleed", b, t)
    assert m[0] < b[0] and m[1] < b[1] and m[2] > b[2] and m[3] > b[3], ("media", m, b)
PY
ok_if "--press: TrimBox is the layout's page, BleedBox 3 mm round it, both inside the MediaBox" \
  python3 "$tmp/boxes.py" "$P"
# crop marks: ink in the corner outside the bleed, none in the rest of the margin
cat >"$tmp/marks.py" <<'PY'
import subprocess, sys
png = subprocess.run(["pdftoppm", "-r", "150", "-gray", "-f", "1", "-l", "1", sys.argv[1]], capture_output=True).stdout
# PGM: "P5\nW H\n255\n" then bytes
head, rest = png.split(b"\n", 1)
dims, rest = rest.split(b"\n", 1)
_, pix = rest.split(b"\n", 1)
W, H = map(int, dims.split())
dark = lambda x, y: pix[y * W + x] < 250   # a 0.25 pt mark is light grey at 150 dpi
pad = 9 * 150 / 25.4  # crop_mark_offset 3 mm + length 6 mm, at 150 dpi
corner = [(x, y) for x in range(int(pad) + 3) for y in range(int(pad) + 3) if dark(x, y)]
assert corner, "no crop mark in the top left corner"
mid = [(x, y) for x in range(W // 3, 2 * W // 3) for y in range(int(pad) - 20) if dark(x, y)]
assert not mid, "ink in the top margin"
PY
ok_if "--press: crop marks in the corners outside the bleed" python3 "$tmp/marks.py" "$P"
qpdf --json "$P" >"$tmp/press.json"
ok_if "--press: a PDF/X-4 output intent (GTS_PDFX) with a CMYK profile, XMP GTS_PDFXVersion, Trapped" \
  python3 -c "
import json, sys
o = json.load(open('$tmp/press.json'))['qpdf'][1]
v = lambda r: o['obj:' + r]['value'] if isinstance(r, str) and r.endswith(' R') else r
root = v(o['trailer']['value']['/Root']); info = v(o['trailer']['value']['/Info'])
it = [v(i) for i in v(root['/OutputIntents'])][0]
assert it['/S'] == '/GTS_PDFX' and o['obj:' + it['/DestOutputProfile']]['stream']['dict']['/N'] == 4
assert info['/Trapped'] == '/False' and 'PDF/X-4' in info['/GTS_PDFXVersion']
assert len(o['trailer']['value']['/ID']) == 2
"
ok_if "--press: no DeviceRGB left (pictures ICCBased, colours DeviceCMYK)" \
  bash -c "qpdf --qdf --object-streams=disable '$P' '$tmp/press.qdf' && ! grep -aqE 'DeviceRGB| (rg|RG)( |$)' '$tmp/press.qdf' && grep -aqE ' k( |$)' '$tmp/press.qdf'"
gs -q -dNOPAUSE -dBATCH -sDEVICE=inkcov -o "$tmp/inkcov.txt" "$P" 2>/dev/null
sed 's/^/# inkcov: /' "$tmp/inkcov.txt"
# page 2 of the example is text only: black type, rules and the running head
ok_if "--press: inkcov on the text-only page 2: C = M = Y = 0, K > 0" \
  bash -c "sed -n 2p '$tmp/inkcov.txt' | awk '{ exit !(\$1 == 0 && \$2 == 0 && \$3 == 0 && \$4 > 0) }'"
ok_if "--press: inkcov on page 1: no cyan; the masthead red on M and Y" \
  bash -c "sed -n 1p '$tmp/inkcov.txt' | awk '{ exit !(\$1 == 0 && \$2 > 0 && \$3 > 0) }'"
build press2 "$SRC/tests/editions/example" broadsheet --press
ok_if "--press: rebuilt press PDF is byte-identical" cmp "$P" "$tmp/press2/edition-press.pdf"
# low-resolution pictures: a 16 × 16 JPEG and a 300 × 200 PNG in the figures edition
build lowres "$SRC/tests/editions/figures" broadsheet --press
ok_if "--press: a warning for the 16 × 16 JPEG" grep -q "sample.jpg (16 × 16 px) prints at [0-9]* ppi at its placed size.*under 200 ppi" "$tmp/lowres.err"
ok_if "--press: a warning for the 300 × 200 PNG" grep -q "chart.png (300 × 200 px) prints at [0-9]* ppi" "$tmp/lowres.err"
ok_if "without --press no picture warning" bash -c "! grep -q ppi '$tmp/figures.err'"
"$EPAPER" -q build "$SRC/tests/editions/example" -o "$tmp/bad" --epub --press 2>"$tmp/bad.err"
ok_if "--press with --epub is a usage error" test $? -eq 2
done_testing
