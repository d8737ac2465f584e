#!/usr/bin/env bash
# test-pdf.sh — the print PDF and page previews (compose + render-pdf):
# structure, fonts, metadata, outline, labels, links, tags, reading order,
# JPEG pass-through and byte-identical rebuilds.
set -u
. "$(dirname "$0")/tap.sh"

build () {  # build EDITION OUT [LAYOUT]
  "$EPAPER" build "$SRC/tests/editions/$1" -o "$tmp/$2" --pdf ${3:+--layout "$3"} 2>"$tmp/$2.err"
}

build example ex
ok_if "example builds with --pdf" test $? -eq 0
ok_if "edition.pdf written" test -s "$tmp/ex/edition.pdf"
ok_if "page preview, @2x preview and thumbnail written" \
  test -s "$tmp/ex/pages/p1.png" -a -s "$tmp/ex/pages/p1@2x.jpg" -a -s "$tmp/ex/pages/p1-thumb.png"
# the @2x image of a page with colour (page 1's masthead) is JPEG, of a
# neutral page grey PNG
ok_if "@2x of page 1 (red masthead) is a JPEG, no PNG beside it" \
  bash -c "head -c 3 '$tmp/ex/pages/p1@2x.jpg' | od -An -tx1 | grep -q 'ff d8 ff' && test ! -e '$tmp/ex/pages/p1@2x.png'"
ok_if "no temporary files left" test -z "$(find "$tmp/ex" -name '*.tmp')"
ok_if "qpdf --check is clean" qpdf --check "$tmp/ex/edition.pdf"
pdffonts "$tmp/ex/edition.pdf" | tail -n +3 >"$tmp/fonts"
ok_if "fonts listed" test -s "$tmp/fonts"
ok_if "every font embedded and subset" bash -c "! awk '{ if (\$(NF-4) != \"yes\" || \$(NF-3) != \"yes\") bad=1 } END { exit !bad }' '$tmp/fonts'"
pdfinfo "$tmp/ex/edition.pdf" >"$tmp/info"
ok_if "title is the edition title (paper + Chinese date)" grep -q "^Title: *吕梁日报 2025年2月18日$" "$tmp/info"
ok_if "author is the publisher" grep -q "^Author: *中共吕梁市委$" "$tmp/info"
ok_if "subject and keywords set" bash -c "grep -q '^Subject: .*第7612期' '$tmp/info' && grep -q '^Keywords: .*要闻' '$tmp/info'"
ok_if "creator is epaper" grep -q "^Creator: *epaper " "$tmp/info"
ok_if "creation date is the edition date" grep -q "^CreationDate: .*Feb 1[78] .*2025" "$tmp/info"
ok_if "PDF is tagged" grep -q "^Tagged: *yes" "$tmp/info"

# Image sizes: 1200 px preview, its @2x twin exactly twice as wide and
# high, 240 px thumbnail (PNG: IHDR; JPEG: the SOF marker)
pngwh () { python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
if d[:8] == b'\x89PNG\r\n\x1a\n':
    print(*struct.unpack('>II', d[16:24]))
else:
    i = 2
    while d[i] == 0xFF and d[i + 1] not in (0xC0, 0xC1, 0xC2):
        i += 2 + struct.unpack('>H', d[i + 2:i + 4])[0]
    h, w = struct.unpack('>HH', d[i + 5:i + 9])
    print(w, h)
PY
}
read -r w1 h1 <<<"$(pngwh "$tmp/ex/pages/p1.png")"
read -r w2 h2 <<<"$(pngwh "$tmp/ex/pages/p1@2x.jpg")"
ok_if "preview is 1200 px wide" test "$w1" = 1200
ok_if "@2x preview is exactly 2:1 (width and height)" test "$w2" = $((2 * w1)) -a "$h2" = $((2 * h1))
ok_if "preview keeps the page's aspect ratio" \
  python3 -c "import sys; sys.exit(abs($h1 / $w1 - 1559.06 / 1105.51) > 0.002)"
ok_if "thumbnail is 240 px wide" test "$(pngwh "$tmp/ex/pages/p1-thumb.png" | cut -d' ' -f1)" = 240

# --no-previews: the PDF only, no pages/ folder
"$EPAPER" build "$SRC/tests/editions/example" -o "$tmp/np" --pdf --no-previews 2>"$tmp/np.err"
ok_if "--no-previews builds" test $? -eq 0 -a -s "$tmp/np/edition.pdf"
ok_if "--no-previews writes no previews" test ! -e "$tmp/np/pages"
ok_if "--no-previews PDF is the same PDF" cmp -s "$tmp/np/edition.pdf" "$tmp/ex/edition.pdf"
"$EPAPER" build "$SRC/tests/editions/example" -o "$tmp/npe" --no-previews 2>"$tmp/npe.err"
ok_if "--no-previews with the EPUB builds both" test $? -eq 0 -a -s "$tmp/npe/edition.pdf" -a -s "$tmp/npe/edition.epub"
# a build without previews into a folder that has them from an earlier
# build removes them: the reader would show pages that are not this PDF's
cp -r "$tmp/ex" "$tmp/stale"
touch "$tmp/stale/pages/notes.txt"
"$EPAPER" build "$SRC/tests/editions/example" -o "$tmp/stale" --no-previews 2>"$tmp/stale.err"
ok_if "--no-previews over an earlier build removes its page previews" \
  test ! -e "$tmp/stale/pages/p1.png" -a ! -e "$tmp/stale/pages/p1@2x.jpg" -a ! -e "$tmp/stale/pages/p1-thumb.png"
ok_if "... keeps other files in pages/" test -e "$tmp/stale/pages/notes.txt"
ok_if "... and its reader links no page image" bash -c "! grep -q 'p1.png' '$tmp/stale/reader/edition.json'"
# previews of pages an earlier, longer edition had go too; a file of the
# desk's own with a preview's name stays: a build removes only what the
# build before it listed as written (.epaper-build)
build full shrink
ok_if "the longer edition has a page 3 preview" test -s "$tmp/shrink/pages/p3.png"
cp "$tmp/ex/pages/p1.png" "$tmp/shrink/pages/p9.png"
build example shrink
ok_if "a rebuild removes previews of pages the edition no longer has" \
  test ! -e "$tmp/shrink/pages/p3.png" -a ! -e "$tmp/shrink/pages/p3-thumb.png" \
    -a ! -e "$tmp/shrink/pages/p3@2x.png" -a ! -e "$tmp/shrink/pages/p3@2x.jpg" -a -s "$tmp/shrink/pages/p1.png"
ok_if "... but not the desk's pages/p9.png" test -s "$tmp/shrink/pages/p9.png"
unzip -p "$tmp/npe/edition.epub" EPUB/images/cover.jpg >"$tmp/npe-cover.jpg"
ok_if "--no-previews: the EPUB cover is the front page drawn 600 px wide (JPEG)" \
  test "$(pngwh "$tmp/npe-cover.jpg" | cut -d' ' -f1)" = 600

# the crowded edition (12 articles listed on page 1 of 2): jumps, outline,
# labels, links
build crowded full
ok_if "crowded edition (jumps) builds" test $? -eq 0
qpdf --json "$tmp/full/edition.pdf" >"$tmp/full.json"
cat >"$tmp/outline.py" <<'PY'
import json, re, sys, glob, os
d = json.load(open(sys.argv[1]))
ed = sys.argv[2]
titles = []
for f in sorted(glob.glob(os.path.join(ed, "*.md"))):
    m = re.search(r"^title: (.*)$", open(f, encoding="utf-8").read(), re.M)
    titles.append(m.group(1).strip())
pages = d["pages"]
out = d["outlines"]
assert len(out) == len(pages), ("one bookmark per page", len(out), len(pages))
kids = [k["title"] for o in out for k in o["kids"]]
missing = [t for t in titles if t not in kids]
assert not missing, ("articles without a bookmark", missing)
labels = [p["label"]["/P"] for p in pages]
assert labels == ["u:第%d版" % (i + 1) for i in range(len(pages))], labels
PY
ok_if "a bookmark per page and per article, page labels 第N版" python3 "$tmp/outline.py" "$tmp/full.json" "$SRC/tests/editions/crowded"
qpdf --qdf --object-streams=disable "$tmp/full/edition.pdf" "$tmp/full.qdf"
ok_if "jump lines are links (下转 and 上接)" test "$(grep -a -c '/Subtype /Link' "$tmp/full.qdf")" -ge 2
pdftotext -layout "$tmp/full/edition.pdf" - | tr -d ' ' >"$tmp/full.txt"
ok_if "jump line 下转第N版 present" grep -q "下转第[0-9]*版" "$tmp/full.txt"
ok_if "matching 上接第N版 present" grep -q "上接第[0-9]*版" "$tmp/full.txt"
ok_if "page 1 has the masthead data" bash -c "grep -q '2025年2月18日' '$tmp/full.txt' && grep -q '星期二' '$tmp/full.txt' && grep -q '第7612期' '$tmp/full.txt'"
ok_if "page 2 has the running head 第2版" bash -c "pdftotext -f 2 -l 2 '$tmp/full/edition.pdf' - | tr -d ' ' | grep -q '第2版'"
ok_if "structure tags Art, H, P" bash -c "grep -a -q '/S /Art' '$tmp/full.qdf' && grep -a -q '/S /H' '$tmp/full.qdf' && grep -a -q '/S /P' '$tmp/full.qdf'"

# reading order: content is drawn article by article, so raw extraction
# gives each article's title, then its text, before the next article
cat >"$tmp/order.py" <<'PY'
import re, subprocess, sys, glob, os
pdf, ed = sys.argv[1:3]
raw = re.sub(r"\s", "", subprocess.run(["pdftotext", "-raw", "-f", "1", "-l", "1", pdf, "-"],
                                      capture_output=True, text=True).stdout)
arts = []
for f in glob.glob(os.path.join(ed, "*.md")):
    t = open(f, encoding="utf-8").read()
    title = re.search(r"^title: (.*)$", t, re.M).group(1).strip()
    body = re.sub(r"\s|[*>]", "", t.split("---\n", 2)[2])
    arts.append((re.sub(r"\s", "", title), body[:20]))
found = 0
for title, start in arts:
    ti = raw.rfind(title)  # the last: 导读 in the masthead lists titles too
    if ti < 0:
        continue
    bi = raw.find(start, ti)
    if bi < 0 and raw.find(start) < 0:
        continue  # listed in 导读 only: the article is on a later page
    assert bi > ti, (title, "text not after its title")
    between = raw[ti + len(title):bi]
    others = [t for t, _ in arts if t != title and t in between]
    assert not others, (title, "interleaved with", others)
    found += 1
assert found >= 5, found
PY
ok_if "pdftotext keeps each article together" python3 "$tmp/order.py" "$tmp/full/edition.pdf" "$SRC/tests/editions/crowded"

# same sources, same bytes
build crowded full2
ok_if "rebuilt PDF is byte-identical" cmp -s "$tmp/full/edition.pdf" "$tmp/full2/edition.pdf"
for f in p1.png p1@2x.jpg p1-thumb.png p2.png p2@2x.png p2-thumb.png; do
  ok_if "rebuilt preview $f is byte-identical" cmp -s "$tmp/full/pages/$f" "$tmp/full2/pages/$f"
done

# figures: JPEG embedded as JPEG, PNG as an image
build figures fig
ok_if "figures edition builds" test $? -eq 0
# bylines keep their place: byline_top under the head, before the text;
# the others at the end, after it
pdftotext -raw "$tmp/fig/edition.pdf" - | tr -d ' \n' >"$tmp/fig.txt"
before () { python3 -c "import sys; t=open(sys.argv[1]).read(); a=t.find(sys.argv[2]); b=t.find(sys.argv[3]); sys.exit(not (0 <= a < b))" "$tmp/fig.txt" "$1" "$2"; }
ok_if "byline_top: the byline comes between the title and the text" \
  bash -c "$(declare -f before); tmp='$tmp'; before '真正造福吕梁人民' '本报记者张娟娟' && before '本报记者张娟娟' '吕梁市非常规天然气资源丰富'"
ok_if "an end byline comes after the article's last paragraph" \
  bash -c "$(declare -f before); tmp='$tmp'; before '在科技成果转化中发挥决定性作用' '记者罗丽整理'"
pdfimages -list "$tmp/fig/edition.pdf" >"$tmp/images"
ok_if "JPEG embedded as JPEG (DCT)" grep -q " jpeg " "$tmp/images"
ok_if "PNG embedded" grep -q " image " "$tmp/images"
# the previews decode JPEG photos: where pdftohtml places the JPEG on page 1,
# the preview shows colour, not the grey stand-in of a missing decoder
cat >"$tmp/jpegpx.py" <<'PY'
import re, struct, subprocess, sys, zlib, os
pdf, png, work = sys.argv[1:4]
subprocess.run(["pdftohtml", "-xml", "-q", "-f", "1", "-l", "1", pdf, os.path.join(work, "h")],
               check=True, capture_output=True)
xml = open(os.path.join(work, "h.xml"), encoding="utf-8").read()
pw, ph = (float(v) for v in re.search(r'<page number="1"[^>]*height="([\d.]+)" width="([\d.]+)"', xml).groups()[::-1])
top, left, w, h = (float(v) for v in re.search(
    r'<image top="([\d.]+)" left="([\d.]+)" width="([\d.]+)" height="([\d.]+)" src="[^"]*\.jpg"', xml).groups())

def png_pixels(path):  # a minimal PNG reader: 8-bit grey or RGB, any filter
    d = open(path, "rb").read()
    pos, idat, hdr = 8, b"", None
    while pos < len(d):
        n, t = struct.unpack(">I4s", d[pos:pos + 8])
        body = d[pos + 8:pos + 8 + n]
        if t == b"IHDR": hdr = struct.unpack(">IIBBBBB", body)
        if t == b"IDAT": idat += body
        pos += 12 + n
    W, H, depth, ctype = hdr[:4]
    bpp = {0: 1, 2: 3}[ctype]
    raw, rows, prev = zlib.decompress(idat), [], bytearray(W * bpp)
    for y in range(H):
        f, line = raw[y * (W * bpp + 1)], bytearray(raw[y * (W * bpp + 1) + 1:(y + 1) * (W * bpp + 1)])
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line); prev = line
    return W, H, bpp, rows

W, H, bpp, rows = png_pixels(png)
# the middle of the photo's box (its edges may be cropped to the frame)
x0, x1 = int((left + 0.3 * w) / pw * W), int((left + 0.7 * w) / pw * W)
y0, y1 = int((top + 0.3 * h) / ph * H), int((top + 0.7 * h) / ph * H)
total = colour = 0
for y in range(y0, y1, 2):
    for x in range(x0, x1, 2):
        px = rows[y][x * bpp:(x + 1) * bpp]
        total += 1
        colour += bpp == 3 and len(set(px)) > 1
assert total > 100, total
assert colour > 0.8 * total, (colour, total)
PY
ok_if "preview shows the JPEG photo's pixels (decoded, not a grey box)" \
  python3 "$tmp/jpegpx.py" "$tmp/fig/edition.pdf" "$tmp/fig/pages/p1.png" "$tmp"
ok_if "caption of the photo present" bash -c "pdftotext '$tmp/fig/edition.pdf' - | tr -d ' \n' | grep -q '图为张伟委员在小组讨论中发言。'"

# every layout renders; the e-reader page is small
for layout in tabloid a4 ereader; do
  build full "full-$layout" "$layout"
  ok_if "full edition on $layout" qpdf --check "$tmp/full-$layout/edition.pdf"
done
read -r ew1 eh1 <<<"$(pngwh "$tmp/full-ereader/pages/p1.png")"
read -r ew2 eh2 <<<"$(pngwh "$tmp/full-ereader/pages/p1@2x.jpg")"
ok_if "small e-reader page: preview 2.5 px per pt (638 px), @2x exactly 2:1" \
  test "$ew1" = 638 -a "$ew2" = $((2 * ew1)) -a "$eh2" = $((2 * eh1))
ok_if "ereader page is 90 mm wide" bash -c "pdfinfo '$tmp/full-ereader/edition.pdf' | grep -q 'Page size: *255.1[0-9]* x 340.1[0-9]* pts'"

# a bad layout name is a usage error naming the layout
"$EPAPER" build "$SRC/tests/editions/example" -o "$tmp/bad" --pdf --layout nosuch 2>"$tmp/bad.err"
ok_if "unknown layout exits 2" test $? -eq 2
ok_if "unknown layout is named" grep -q "unknown layout 'nosuch'" "$tmp/bad.err"
done_testing
