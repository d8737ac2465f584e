#!/usr/bin/env bash
# test-epub-a11y.sh — the EPUBs as a screen reader and calibre see them:
# DAISY Ace (npm @daisy/ace-core, on Debian's chromium, offline) reports no
# violation on the horizontal, vertical and font-embedding EPUBs of the
# example edition and of the sample pages; the OPF fields calibre reads
# (dc:creator with role aut and no role words, series and issue number,
# one title in the PDF, EPUB, OPDS and web reader); the page-list has
# every print page of the PDF; vertical text has vertical quote forms;
# --embed-fonts embeds every face the CSS names.
set -u
. "$(dirname "$0")/tap.sh"
EX="$SRC/tests/editions/example"
ACE="$SRC/tests/ace/ace-check.cjs"

# the builds Ace checks: full builds (the PDF's page-list), vertical with
# fonts, and the sample pages imported on the fly
"$EPAPER" -q build "$EX" -o "$tmp/ex" --no-previews 2>/dev/null
ok_if "example: full build" test -s "$tmp/ex/edition.epub" -a -s "$tmp/ex/edition.pdf"
"$EPAPER" -q build "$EX" -o "$tmp/exvf" --no-previews --vertical --embed-fonts 2>/dev/null
ok_if "example: vertical build with fonts" test -s "$tmp/exvf/edition.epub"
"$EPAPER" -q build "$SRC"/seeds/004_*.txt -o "$tmp/s004" --no-previews --layout broadsheet 2>/dev/null
ok_if "seed 004: full build" test -s "$tmp/s004/edition.epub"
"$EPAPER" -q build "$SRC"/seeds/*.txt -o "$tmp/seeds" --no-previews --vertical --embed-fonts 2>/dev/null
ok_if "all seeds: vertical build with fonts" test -s "$tmp/seeds/edition.epub"

# Ace: one Node process, one browser for all EPUBs
ok_if "chromium is installed" test -x /usr/bin/chromium
ok_if "Ace is installed (npm ci)" test -f "$SRC/node_modules/@daisy/ace-core/package.json"
PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium node "$ACE" "$tmp/ace" "$tmp/ex/edition.epub" \
  "$tmp/exvf/edition.epub" "$tmp/s004/edition.epub" "$tmp/seeds/edition.epub" >"$tmp/ace.log" 2>&1
sed 's/^/# /' "$tmp/ace.log"
for e in ex exvf s004 seeds; do
  ok_if "Ace: no violation in $e/edition.epub" grep -qx "ok $tmp/$e/edition.epub" "$tmp/ace.log"
done

opf () { unzip -p "$tmp/$1/edition.epub" EPUB/package.opf; }
opf ex >"$tmp/ex.opf"
opf s004 >"$tmp/s004.opf"
# calibre's OPF 3 reader: authors are the dc:creator refined with role aut
cat >"$tmp/calibre.py" <<'PY'
import re, sys, xml.etree.ElementTree as ET
ns = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
root = ET.parse(sys.argv[1]).getroot()
md = root.find("opf:metadata", ns)
metas = md.findall("opf:meta", ns)
refines = {}
for m in metas:
    if m.get("refines"):
        refines.setdefault(m.get("refines")[1:], {})[m.get("property")] = m.text
authors = [c.text for c in md.findall("dc:creator", ns)
           if refines.get(c.get("id"), {}).get("role") == "aut"]
roles = re.compile("记者|通讯员|整理|摄|提案者|本报")
series = [m for m in metas if m.get("property") == "belongs-to-collection"]
want = sys.argv[2:]
assert authors, "no author"
assert not [a for a in authors if roles.search(a)], authors
for w in want:
    k, v = w.split("=", 1)
    if k == "author":
        assert v in authors, (v, authors)
    elif k == "series":
        assert series and series[0].text == v, [s.text for s in series]
        r = refines.get(series[0].get("id"), {})
        assert r.get("collection-type") == "series", r
    elif k == "index":
        assert refines.get(series[0].get("id"), {}).get("group-position") == v
    elif k == "title":
        assert md.find("dc:title", ns).text == v, md.find("dc:title", ns).text
    elif k == "source":
        src = md.find("dc:source", ns)
        assert refines.get(src.get("id"), {}).get("source-of") == "pagination"
    elif k == "conforms":
        c = [m.text for m in metas if m.get("property") == "dcterms:conformsTo"]
        assert c == [v], c
PY
ok_if "calibre fields: authors from bylines without role words, series 吕梁日报 [7612], title" \
  python3 "$tmp/calibre.py" "$tmp/ex.opf" author=罗丽 author=张娟娟 series=吕梁日报 index=7612 \
    "title=吕梁日报 2025年2月18日" source=pagination "conforms=EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
ok_if "calibre fields: authors from datelines (本报讯（记者 李雅萍）) too" \
  python3 "$tmp/calibre.py" "$tmp/s004.opf" author=李雅萍 series=吕梁日报
ok_if "a role word without a space is no part of the name (记者韩笑 整理)" \
  bash -c "opf () { unzip -p '$tmp/seeds/edition.epub' EPUB/package.opf; }; opf | grep -q '>韩笑</dc:creator>' && ! opf | grep -q '>记者'"

# one title: PDF Info, EPUB, web reader, OPDS
title="吕梁日报 2025年2月18日"
ok_if "the PDF's title is the edition title" bash -c "pdfinfo '$tmp/ex/edition.pdf' | grep -qx 'Title: *$title'"
"$EPAPER" -q build "$EX" -o "$tmp/exr" 2>/dev/null
ok_if "the web reader's title is the edition title" grep -q "\"title\" *: *\"$title\"" "$tmp/exr/reader/edition.json"
"$EPAPER" -q archive add "$tmp/arc" "$EX" --no-build 2>/dev/null
ok_if "the OPDS entry's title is the edition title" grep -q "<title>$title</title>" "$tmp/arc/opds-2025.xml"

# page-list: one entry per print page of the PDF (seed 004 runs onto a 续版)
pages_of () { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
plist_of () { unzip -p "$1" EPUB/nav.xhtml | grep -o 'epub:type="page-list".*</nav>' | grep -o '<li>' | wc -l; }
ok_if "seed 004: the PDF has two pages" test "$(pages_of "$tmp/s004/edition.pdf")" = 2
ok_if "seed 004: the page-list has every print page" test "$(plist_of "$tmp/s004/edition.epub")" = 2
ok_if "example: the page-list has every print page" \
  test "$(plist_of "$tmp/ex/edition.epub")" = "$(pages_of "$tmp/ex/edition.pdf")"
ok_if "seed 004: page 2's marker is in the text" \
  bash -c "unzip -p '$tmp/s004/edition.epub' 'EPUB/text/*.xhtml' | grep -q 'id=\"page-2\" title=\"第2版\"'"

# vertical: quotes in their vertical forms in captions and text
mkdir -p "$tmp/v" && (cd "$tmp/v" && unzip -q "$tmp/seeds/edition.epub")
ok_if "vertical: no horizontal quote in any figcaption" \
  bash -c "! grep -ho '<figcaption>[^<]*' '$tmp'/v/EPUB/text/*.xhtml | grep -q '[“”‘’]'"
ok_if "vertical: the text has vertical quote forms" bash -c "grep -q '『' '$tmp'/v/EPUB/text/*.xhtml"
# --embed-fonts: every family of the CSS's @font-face is a file of the EPUB,
# and the faces cover the serif, the bold and the regular sans and the 楷
cat >"$tmp/faces.py" <<'PY'
import re, sys, os
root = sys.argv[1]
css = open(os.path.join(root, "EPUB/css/epub.css"), encoding="utf-8").read()
faces = re.findall(r'@font-face \{ font-family: "([^"]+)"; font-weight: (\w+); src: url\(\.\./([^)]+)\)', css)
have = {(f, w) for f, w, _ in faces}
for want in [("Epaper Serif", "normal"), ("Epaper Sans", "bold"), ("Epaper Sans", "normal"), ("Epaper Kai", "normal")]:
    assert want in have, (want, have)
for _, _, src in faces:
    assert os.path.getsize(os.path.join(root, "EPUB", src)) > 1000, src
for fam in ["Epaper Kai"]:
    assert re.search(r'(em|figcaption)[^}]*font-family: "%s"' % fam, css), fam
PY
ok_if "--embed-fonts: every face the CSS names is embedded (serif, sans bold and regular, 楷)" \
  python3 "$tmp/faces.py" "$tmp/v"
done_testing
