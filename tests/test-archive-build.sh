#!/usr/bin/env bash
# test-archive-build.sh — `epaper archive add` with the full build: PDF,
# EPUB and page previews stored, hashed, linked from the index pages and the
# OPDS feeds; verify catches one flipped byte of a stored PDF; kill -9 after
# the build leaves verify clean; two adds build at the same time.  (test-archive.sh covers the rest with
# --no-build, which is faster.)
set -u
. "$(dirname "$0")/tap.sh"
A=$tmp/archive
json_check () { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"; }

"$EPAPER" -q archive add "$A" "$SRC/tests/editions/example"
ok_if "add builds and stores the example edition" test $? -eq 0
"$EPAPER" -q archive add "$A" "$SRC/seeds/003_cb4e2b7efa63d897.txt"
ok_if "add builds and stores a raw seed page" test $? -eq 0
E=$A/2025/02/18
ok_if "edition.pdf, edition.epub and page previews are stored" test -s "$E/edition.pdf" -a -s "$E/edition.epub" -a -s "$E/pages/p1.png" -a -s "$E/pages/p1-thumb.png"
ok_if "the stored PDF is a PDF" bash -c "head -c 5 '$E/edition.pdf' | grep -q '%PDF-'"
ok_if "the stored EPUB starts with its mimetype" bash -c "head -c 58 '$E/edition.epub' | grep -q 'application/epub+zip'"
ok_if "manifest lists PDF, EPUB and thumbnails with sizes and hashes" json_check "$E/manifest.json" \
  "{'edition.pdf','edition.epub','pages/p1.png','pages/p1-thumb.png'} <= {f['path'] for f in d['files']} and d['pages'][0]['thumbnail']=='pages/p1-thumb.png'"
ok_if "every printed page with a preview is in the manifest" python3 -c "
import json,os
d=json.load(open('$A/2024/05/10/manifest.json'))
pngs=sorted(f for f in os.listdir('$A/2024/05/10/pages') if not f.endswith(('-thumb.png', '@2x.png', '@2x.jpg')))
assert [p['image'] for p in d['pages'] if p['image']]==['pages/'+f for f in sorted(pngs, key=lambda s:int(s[1:-4]))]
"
ok_if "verify passes" "$EPAPER" -q archive verify "$A"

# one flipped byte of the stored PDF
python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[len(b)//2]^=0x40; open(p,'wb').write(bytes(b))" "$E/edition.pdf"
"$EPAPER" -q archive verify "$A" >"$tmp/v"
ok_if "verify fails after one byte of a stored PDF is flipped" test $? -ne 0
ok_if "verify names the PDF" grep -q "^2025/02/18/edition.pdf: changed" "$tmp/v"
"$EPAPER" -q archive add "$A" "$SRC/tests/editions/example" --replace
ok_if "--replace rebuilds the edition" "$EPAPER" -q archive verify "$A"

# index pages and feeds link the built files
ok_if "index.html links the PDF, EPUB and front-page thumbnail" bash -c \
  "grep -q 'href=\"2025/02/18/edition.pdf\"' '$A/index.html' && grep -q 'href=\"2025/02/18/edition.epub\"' '$A/index.html' && grep -q 'src=\"2025/02/18/pages/p1-thumb.png\"' '$A/index.html'"
ok_if "the edition page shows every page thumbnail" python3 -c "
import json, re
d = json.load(open('$A/2024/05/10/manifest.json'))
html = open('$A/2024/05/10/index.html').read()
thumbs = set(re.findall(r'pages/p[0-9]+-thumb.png', html))
assert len(d['pages']) >= 1 and thumbs == {p['thumbnail'] for p in d['pages']}, (thumbs, d['pages'])"
ok_if "the acquisition feed offers EPUB and PDF" bash -c \
  "grep -q 'rel=\"http://opds-spec.org/acquisition\" href=\"2025/02/18/edition.epub\" type=\"application/epub+zip\"' '$A/opds-2025.xml' && grep -q 'href=\"2025/02/18/edition.pdf\" type=\"application/pdf\"' '$A/opds-2025.xml'"
ok_if "the acquisition feed has cover and thumbnail links" bash -c \
  "grep -q 'rel=\"http://opds-spec.org/image\" href=\"2025/02/18/pages/p1.png\"' '$A/opds-2025.xml' && grep -q 'rel=\"http://opds-spec.org/image/thumbnail\" href=\"2025/02/18/pages/p1-thumb.png\"' '$A/opds-2025.xml'"
ok_if "xmllint accepts the feeds and pages" bash -c "xmllint --noout '$A'/opds*.xml '$A/index.html' '$A'/*/*/*/index.html"
ok_if "every link resolves to a file" python3 - "$A" <<'EOF'
import os, sys, xml.etree.ElementTree as ET
root = sys.argv[1]
# the archive's own pages: ROOT/index.html, ROOT/YYYY/MM/DD/index.html, feeds
pages = [os.path.join(dp, f) for dp, dn, fn in os.walk(root) for f in fn
         if (f == 'index.html' and os.path.relpath(dp, root).count(os.sep) in (0, 2)
             and os.path.relpath(dp, root) != 'reader')
         or (dp == root and f.startswith('opds'))]
n = 0
for page in pages:
    for el in ET.parse(page).iter():
        for attr in ('href', 'src'):
            link = el.get(attr)
            if link and not link.startswith('#'):
                target = os.path.normpath(os.path.join(os.path.dirname(page), link.split('#')[0]))
                assert os.path.isfile(target), (page, link)
                n += 1
assert n > 20, n
EOF

ok_if "index.html and the edition page link the web reader" bash -c \
  "grep -q 'href=\"2025/02/18/reader/index.html\"' '$A/index.html' && grep -q 'href=\"reader/index.html\"' '$E/index.html'"
ok_if "the reader's calendar link points at the archive index" bash -c \
  "grep -q '\"calendar\" *: *\"../../../../index.html\"' '$E/reader/edition.json' && test -f '$E/reader/../../../../index.html'"

# kill -9 right after the build, and after the rename, of a replacement
for step in built renamed; do
  (EPAPER_ARCHIVE_CRASH_AT=$step exec "$EPAPER" -q archive add "$A" "$SRC/tests/editions/example" --replace) 2>/dev/null
  ok_if "kill -9 at '$step' of a built add" test $? -eq 137
  ok_if "verify is clean after kill -9 at '$step'" "$EPAPER" -q archive verify "$A"
  ok_if "the edition is still complete after '$step'" test -s "$E/edition.pdf" -a -s "$E/manifest.json"
done

# Two adds overlap: while one is stopped after its build (it holds no lock
# then, only its .tmp- folder's), another add builds and commits; the
# first, continued, commits too and the archive verifies.
ok_if "an add commits while another is stopped after its build, which then commits too" python3 - "$EPAPER" "$A" "$SRC/tests/editions/example" <<'PY'
import os, signal, subprocess, sys
epaper, arc, ed = sys.argv[1:4]
env = dict(os.environ, EPAPER_ARCHIVE_STOP_AT='built')
a = subprocess.Popen([epaper, '-q', 'archive', 'add', arc, ed, '--date', '2024-06-01'], env=env)
try:
    pid, status = os.waitpid(a.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status), status
    tmps = [n for n in os.listdir(arc) if n.startswith('.tmp-') and not n.endswith('.busy')]
    assert len(tmps) == 1, tmps
    # (an add that waited for the stopped one's lock would never end)
    b = subprocess.run([epaper, '-q', 'archive', 'add', arc, ed, '--date', '2024-06-02'], timeout=300)
    assert b.returncode == 0, b.returncode
    assert os.path.isdir(os.path.join(arc, tmps[0])), 'the stopped add lost its folder'
    assert not os.path.exists(os.path.join(arc, '2024/06/01')), 'stored before it went on'
    os.kill(a.pid, signal.SIGCONT)
    assert a.wait(timeout=300) == 0
except BaseException:
    a.kill()
    raise
for d in ('2024/06/01', '2024/06/02'):
    assert os.path.isfile(os.path.join(arc, d, 'manifest.json')), d
assert not [n for n in os.listdir(arc) if n.startswith('.tmp-')]
PY
ok_if "verify is clean after the two adds" "$EPAPER" -q archive verify "$A"
ok_if "both are in the calendar" bash -c "grep -q '2024/06/01/' '$A/index.html' && grep -q '2024/06/02/' '$A/index.html'"
done_testing
