#!/usr/bin/env bash
# test-archive.sh — end-to-end tests of `epaper archive`: store, refusal and
# --replace, search (FTS5 trigram and the short-query LIKE path), verify,
# crash safety (kill -9 at every step of an add), concurrent adds, HTML index
# and OPDS feeds (well-formed, every link resolves), escaping.
set -u
. "$(dirname "$0")/tap.sh"
EXAMPLE=$SRC/tests/editions/example
HYDROGEN=$SRC/tests/archive/hydrogen
A=$tmp/archive

# Until the PDF/EPUB stages are in main, editions are stored with
# --no-build (sources, manifest, pages); BUILD_FLAG switches that in one place.
BUILD_FLAG=--no-build
add () { "$EPAPER" -q archive add "$@" $BUILD_FLAG; }
search_json () { "$EPAPER" -q archive search "$@" --json; }
# json_check FILE PYTHON-EXPR: evaluates EXPR with d = the parsed JSON
json_check () { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"; }

# ---------------------------------------------------------------- store
add "$A" "$EXAMPLE"
ok_if "add an edition folder" test $? -eq 0
add "$A" "$EXAMPLE" --date 2025-03-04
ok_if "add the same sources under another --date" test $? -eq 0
add "$A" "$HYDROGEN"
ok_if "add the hydrogen edition" test $? -eq 0
add "$A" "$EXAMPLE" --date 2023-12-31
ok_if "add an edition in another year" test $? -eq 0
ok_if "edition stored under YYYY/MM/DD with manifest" test -f "$A/2025/02/18/manifest.json" -a -f "$A/2024/04/30/manifest.json"
ok_if "sources copied into the edition folder" test -f "$A/2024/04/30/source/edition.yaml" -a -f "$A/2024/04/30/source/hydrogen.md"
ok_if "manifest lists paper, date, issue, builder version" json_check "$A/2024/04/30/manifest.json" \
  "d['paper']=='吕梁日报' and d['date']=='2024-04-30' and d['issue']=='7425' and d['builder'].startswith('epaper ')"
ok_if "manifest lists articles with pages" json_check "$A/2024/04/30/manifest.json" \
  "[(a['id'],a['page']) for a in d['articles']]==[('hotline',1),('hydrogen',2)]"
ok_if "manifest hashes every file (size + sha256)" python3 -c "
import json,hashlib,os,sys
root='$A/2024/04/30'; d=json.load(open(root+'/manifest.json'))
files={f['path']:f for f in d['files']}
assert 'source/hydrogen.md' in files and 'index.html' in files
for p,f in files.items():
    b=open(os.path.join(root,p),'rb').read()
    assert len(b)==f['size'] and hashlib.sha256(b).hexdigest()==f['sha256'], p
"
ok_if "--date overrides the manifest date" json_check "$A/2025/03/04/manifest.json" "d['date']=='2025-03-04'"
"$EPAPER" -q archive list "$A" >"$tmp/list"
ok_if "list shows every edition oldest first" bash -c "cut -d' ' -f1 '$tmp/list' | tr '\n' ' ' | grep -qx '2023-12-31 2024-04-30 2025-02-18 2025-03-04 '"

add "$A" "$EXAMPLE" 2>"$tmp/err"
ok_if "same date twice is refused with exit 2" test $? -eq 2
ok_if "refusal names the date and --replace" grep -q "2025-02-18.*--replace" "$tmp/err"
add "$A" "$EXAMPLE" --date 2025-13-01 2>/dev/null
ok_if "invalid --date is refused with exit 2" test $? -eq 2
add "$A" "$tmp/no-such-edition" 2>/dev/null
ok_if "missing edition folder is refused with exit 2" test $? -eq 2
ok_if "no temporary folders are left behind" bash -c "! ls -a '$A' | grep -qE '^\.(tmp|old)-'"

# ---------------------------------------------------------------- search
search_json "$A" 氢能 >"$tmp/h.json"
ok_if "search 氢能 (2 chars, LIKE) finds the hydrogen article on page 2 of 2024-04-30" json_check "$tmp/h.json" \
  "len(d)==1 and d[0]['date']=='2024-04-30' and d[0]['page']==2 and d[0]['article']=='hydrogen'"
ok_if "snippet marks the match" json_check "$tmp/h.json" "'«氢能»' in d[0]['snippet']"
search_json "$A" 氢能共享单车 >"$tmp/h3.json"
ok_if "6-char query (FTS5 trigram) finds the hydrogen article" json_check "$tmp/h3.json" \
  "[(h['date'],h['page']) for h in d]==[('2024-04-30',2)]"
search_json "$A" 吕梁 >"$tmp/l.json"
ok_if "search 吕梁 returns results from every edition" json_check "$tmp/l.json" \
  "sorted(set(h['date'] for h in d))==['2023-12-31','2024-04-30','2025-02-18','2025-03-04']"
ok_if "results are newest first" json_check "$tmp/l.json" "[h['date'] for h in d]==sorted([h['date'] for h in d],reverse=True)"
search_json "$A" 天然气 >"$tmp/g.json"
ok_if "3-char query 天然气 finds the gas article in each example edition" json_check "$tmp/g.json" \
  "[(h['date'],h['article']) for h in d]==[('2025-03-04','natural-gas'),('2025-02-18','natural-gas'),('2023-12-31','natural-gas')]"
search_json "$A" 天然气 --from 2024-01-01 --to 2025-02-28 >"$tmp/r.json"
ok_if "--from/--to restrict the dates" json_check "$tmp/r.json" "[h['date'] for h in d]==['2025-02-18']"
search_json "$A" 科技 >"$tmp/k.json"
ok_if "two-character query 科技 works" json_check "$tmp/k.json" "len(d)>=3 and all('«科技»' in h['snippet'] or '科技' in h['title'] for h in d)"
search_json "$A" 张伟委员 >"$tmp/s.json"
ok_if "subtitles are searched" json_check "$tmp/s.json" "len(d)==3 and all(h['article']=='tech-transfer' for h in d)"
search_json "$A" 张娟娟 >"$tmp/b.json"
ok_if "bylines are searched" json_check "$tmp/b.json" "len(d)==3 and all(h['article']=='natural-gas' for h in d)"
search_json "$A" 不存在的词语 >"$tmp/n.json"
ok_if "a query with no match returns []" json_check "$tmp/n.json" "d==[]"
"$EPAPER" -q archive search "$A" 氢能 >"$tmp/plain"
ok_if "plain output shows date, page, title and snippet" grep -q "^2024-04-30  第2版  孝义市首批氢能" "$tmp/plain"
search_json "$A" '%' >"$tmp/pct.json"
ok_if "LIKE wildcards in a query are literal" json_check "$tmp/pct.json" "d==[]"

# ---------------------------------------------------------------- reindex
rm -f "$A/archive.sqlite"
"$EPAPER" -q archive reindex "$A"
ok_if "reindex exits 0 after the database was deleted" test $? -eq 0
search_json "$A" 氢能 >"$tmp/h2.json"
ok_if "search works again after reindex" json_check "$tmp/h2.json" "len(d)==1 and d[0]['page']==2"
echo "not a database" >"$A/archive.sqlite"
search_json "$A" 天然气 >"$tmp/g2.json" 2>/dev/null
ok_if "a corrupt database is rebuilt from the manifests" json_check "$tmp/g2.json" "len(d)==3"

# ---------------------------------------------------------------- verify
"$EPAPER" -q archive verify "$A" >"$tmp/v"
ok_if "verify passes on an intact archive" test $? -eq 0
f=$A/2024/04/30/source/hydrogen.md
cp "$f" "$tmp/saved"
python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[10]^=1; open(p,'wb').write(bytes(b))" "$f"
"$EPAPER" -q archive verify "$A" >"$tmp/v"
ok_if "verify fails after one byte of a stored file is flipped" test $? -ne 0
ok_if "verify names the changed file" grep -q "^2024/04/30/source/hydrogen.md: changed" "$tmp/v"
cp "$tmp/saved" "$f"
ok_if "verify passes once the file is restored" "$EPAPER" -q archive verify "$A"
mv "$A/2025/02/18/index.html" "$tmp/idx"
echo x >"$A/2025/02/18/stray.txt"
"$EPAPER" -q archive verify "$A" >"$tmp/v"
ok_if "verify names a missing file" grep -q "^2025/02/18/index.html: missing" "$tmp/v"
ok_if "verify names an extra file" grep -q "^2025/02/18/stray.txt: extra" "$tmp/v"
mv "$tmp/idx" "$A/2025/02/18/index.html"; rm "$A/2025/02/18/stray.txt"
ok_if "verify passes again" "$EPAPER" -q archive verify "$A"

# ---------------------------------------------------------------- replace
R=$tmp/replaced
cp -r "$EXAMPLE" "$R"
sed -i 's/^title: 激发科技成果转化新动能/title: 替换版标题 激发科技成果转化新动能/' "$R/tech-transfer.md"
add "$A" "$R" --date 2025-03-04 --replace
ok_if "--replace replaces an edition" test $? -eq 0
search_json "$A" 替换版标题 >"$tmp/x.json"
ok_if "search finds the replacement" json_check "$tmp/x.json" "[h['date'] for h in d]==['2025-03-04']"
search_json "$A" 天然气 >"$tmp/g3.json"
ok_if "the replaced edition's old rows are gone (one row per date)" json_check "$tmp/g3.json" "len(d)==3"
ok_if "verify passes after --replace" "$EPAPER" -q archive verify "$A"

# ---------------------------------------------------------------- crash safety
# EPAPER_ARCHIVE_CRASH_AT=<step> makes add raise SIGKILL at that step.
steps="locked tmp built sources manifest synced aside renamed cleaned index db"
for step in $steps; do
  C=$tmp/crash-$step
  cp -a "$A" "$C"
  # a new date and a replacement, each killed at $step
  (EPAPER_ARCHIVE_CRASH_AT=$step exec "$EPAPER" -q archive add "$C" "$EXAMPLE" --date 2026-01-01 $BUILD_FLAG) 2>/dev/null
  rc1=$?
  (EPAPER_ARCHIVE_CRASH_AT=$step exec "$EPAPER" -q archive add "$C" "$EXAMPLE" --date 2025-03-04 --replace $BUILD_FLAG) 2>/dev/null
  rc2=$?
  ok_if "kill -9 at '$step' kills the add" test \( $rc1 -eq 137 -o $step = aside \) -a $rc2 -eq 137
  "$EPAPER" -q archive verify "$C" >"$tmp/cv" 2>&1
  ok_if "verify is clean after kill -9 at '$step'" test $? -eq 0
  ok_if "no leftovers after the next run ('$step')" bash -c "! ls -a '$C' | grep -qE '^\.(tmp|old)-'"
  "$EPAPER" -q archive list "$C" >"$tmp/cl"
  ok_if "replaced date still holds an edition after '$step'" grep -q "^2025-03-04 " "$tmp/cl"
  # the database agrees with the manifests: 天然气 is in every stored edition
  n_ed=$(wc -l <"$tmp/cl")
  search_json "$C" 天然气 --limit 0 >"$tmp/cs.json"
  ok_if "search agrees with the stored editions after '$step'" json_check "$tmp/cs.json" \
    "len(d)==$n_ed-1"
  ok_if "index.html lists exactly the stored editions after '$step'" bash -c \
    "test \$(grep -o 'class=\"has\"' '$C/index.html' | wc -l) -eq $n_ed"
  add "$C" "$EXAMPLE" --date 2026-01-01 --replace
  ok_if "the archive accepts adds after '$step'" test $? -eq 0
done

# ---------------------------------------------------------------- concurrency
P=$tmp/parallel
add "$P" "$EXAMPLE" --date 2022-01-01 &
add "$P" "$EXAMPLE" --date 2022-01-02 &
add "$P" "$HYDROGEN" --date 2022-01-03 &
add "$P" "$HYDROGEN" --date 2022-01-04 &
wait
"$EPAPER" -q archive list "$P" >"$tmp/pl"
ok_if "four concurrent adds of different dates all land" test "$(cut -d' ' -f1 "$tmp/pl" | tr '\n' ' ')" = "2022-01-01 2022-01-02 2022-01-03 2022-01-04 "
ok_if "verify is clean after concurrent adds" "$EPAPER" -q archive verify "$P"
search_json "$P" 吕梁 --limit 0 >"$tmp/pj.json"
ok_if "search sees all concurrently added editions" json_check "$tmp/pj.json" "len(set(h['date'] for h in d))==4"

# While another process holds the lock, search and list read the archive
# as it is and add waits.  The holder takes the lock, says so through a
# fifo and keeps it until told (through another) to let go.
mkfifo "$tmp/held" "$tmp/release" "$tmp/add-err"
flock "$P/.lock" bash -c 'echo held >"$1"; read -r _ <"$2"' _ "$tmp/held" "$tmp/release" &
holder=$!
read -r _ <"$tmp/held"
# (a reader that waited for the lock would wait until the timeout: a failure)
timeout 60 "$EPAPER" archive search "$P" 吕梁 --json --limit 0 >"$tmp/busy.json" 2>"$tmp/busy-search.err"
ok_if "search does not wait for the lock and sees the stored editions" json_check "$tmp/busy.json" "len(set(h['date'] for h in d))==4"
ok_if "search says it reads the archive as it was" grep -q 'being updated; reading it as it was' "$tmp/busy-search.err"
timeout 60 "$EPAPER" archive list "$P" >"$tmp/busy-list" 2>"$tmp/busy-list.err"
ok_if "list does not wait for the lock" test $? -eq 0 -a "$(wc -l <"$tmp/busy-list")" -eq 4
ok_if "list says it reads the archive as it was" grep -q 'being updated; reading it as it was' "$tmp/busy-list.err"
"$EPAPER" archive add "$P" "$EXAMPLE" --date 2022-01-05 $BUILD_FLAG >/dev/null 2>"$tmp/add-err" &
adder=$!
# add's stderr, read up to the line saying that it waits (or to its end)
exec 3<"$tmp/add-err"
while IFS= read -r line <&3 && [[ $line != *"another process is updating it; waiting"* ]]; do :; done
cat <&3 >/dev/null &
exec 3<&-
ok_if "add says that it waits for the lock another process holds" \
  test "$line" = "epaper: archive: $P: another process is updating it; waiting"
"$EPAPER" -q archive list "$P" >"$tmp/busy-list"
ok_if "add waits: nothing is stored while the lock is held" test "$(cut -d' ' -f1 "$tmp/busy-list" | tr '\n' ' ')" = "2022-01-01 2022-01-02 2022-01-03 2022-01-04 "
ok_if "add is still waiting" kill -0 "$adder"
echo release >"$tmp/release"
wait "$holder"
wait "$adder"
ok_if "add finishes once the lock is released" test $? -eq 0
"$EPAPER" -q archive list "$P" >"$tmp/pl"
ok_if "the waiting add is stored" test "$(cut -d' ' -f1 "$tmp/pl" | tr '\n' ' ')" = "2022-01-01 2022-01-02 2022-01-03 2022-01-04 2022-01-05 "
ok_if "verify is clean after the interrupted wait" "$EPAPER" -q archive verify "$P"

# ---------------------------------------------------------------- escaping
E=$tmp/escape
cp -r "$EXAMPLE" "$E"
sed -i "s/^title: 激发科技成果转化新动能/title: 'A\&B <i>粗<\/i> \"引号\" '' 转义测试'/" "$E/tech-transfer.md"
sed -i 's/^paper: 吕梁日报/paper: "吕梁日报 \& <晚报>"/' "$E/edition.yaml"
add "$A" "$E" --date 2025-05-05
ok_if "add an edition whose title has & < > and quotes" test $? -eq 0
ok_if "title escaped in the edition page" grep -qE "A&amp;B &lt;i&gt;粗&lt;/i&gt; &quot;引号&quot; (&apos;|&#39;) 转义测试" "$A/2025/05/05/index.html"
ok_if "title escaped in the archive index" grep -qE "A&amp;B &lt;i&gt;粗&lt;/i&gt; &quot;引号&quot; (&apos;|&#39;) 转义测试" "$A/index.html"
ok_if "title escaped in the OPDS feed summary" grep -qE "A&amp;B &lt;i&gt;粗&lt;/i&gt; &quot;引号&quot; (&apos;|&#39;) 转义测试" "$A/opds-2025.xml"
ok_if "paper name escaped in the OPDS feed" grep -qF "吕梁日报 &amp; &lt;晚报&gt;" "$A/opds-2025.xml"
search_json "$A" 'A&B <i>粗</i> "引号"' >"$tmp/e.json"
ok_if "search with & < quotes finds the title (bound parameters)" json_check "$tmp/e.json" \
  "[h['title'] for h in d]==['A&B <i>粗</i> \"引号\" \\' 转义测试']"
search_json "$A" "'); DROP TABLE articles; --" >"$tmp/inj.json"
ok_if "an SQL-looking query is just text" json_check "$tmp/inj.json" "d==[]"
search_json "$A" 氢能 >"$tmp/h4.json"
ok_if "the database is intact after it" json_check "$tmp/h4.json" "len(d)==1"

# ---------------------------------------------------------------- index + OPDS
ok_if "xmllint accepts opds.xml" xmllint --noout "$A/opds.xml"
ok_if "xmllint accepts every yearly acquisition feed" bash -c "ls '$A'/opds-*.xml | wc -l | grep -qx 3 && xmllint --noout '$A'/opds-*.xml"
ok_if "xmllint accepts index.html and every edition page as XML" bash -c "xmllint --noout '$A/index.html' '$A'/*/*/*/index.html"
ok_if "index pages: html lang, viewport, no script" bash -c "grep -q 'lang=\"zh-CN\"' '$A/index.html' && grep -q 'name=\"viewport\"' '$A/index.html' && ! grep -q '<script' '$A/index.html' '$A'/*/*/*/index.html"
ok_if "index.html links every edition page" bash -c "for d in 2023/12/31 2024/04/30 2025/02/18 2025/03/04 2025/05/05; do grep -q \"href=\\\"\$d/index.html\\\"\" '$A/index.html' || exit 1; done"
ok_if "the edition page lists pages and articles" bash -c "grep -q '第2版 综合' '$A/2024/04/30/index.html' && grep -q '孝义市首批氢能共享单车' '$A/2024/04/30/index.html'"
# every href/src in every HTML page and feed points at a file that exists
ok_if "every link in the HTML pages and feeds resolves to a file" python3 - "$A" <<'EOF'
import os, sys, xml.etree.ElementTree as ET
root = sys.argv[1]
pages = [os.path.join(root, 'index.html'), os.path.join(root, 'opds.xml')]
pages += [os.path.join(root, f) for f in os.listdir(root) if f.startswith('opds-')]
for dp, dn, fn in os.walk(root):
    pages += [os.path.join(dp, f) for f in fn if f == 'index.html' and dp != root]
n = 0
for page in pages:
    for el in ET.parse(page).iter():
        for attr in ('href', 'src'):
            link = el.get(attr)
            if link is None or link.startswith('#'):
                continue
            assert '://' not in link and not link.startswith('/'), (page, link)
            target = os.path.normpath(os.path.join(os.path.dirname(page), link.split('#')[0]))
            assert os.path.isfile(target), (page, link)
            n += 1
assert n > 30, n
EOF
ok_if "OPDS entries carry dc:issued and dc:language" bash -c "grep -q '<dc:issued>2024-04-30</dc:issued>' '$A/opds-2024.xml' && grep -q '<dc:language>zh-CN</dc:language>' '$A/opds-2024.xml'"
ok_if "OPDS navigation links each year's acquisition feed" bash -c "grep -q 'href=\"opds-2024.xml\" type=\"application/atom+xml;profile=opds-catalog;kind=acquisition\"' '$A/opds.xml'"

# ---------------------------------------------------------------- usage
"$EPAPER" archive 2>/dev/null
ok_if "archive without a command exits 2" test $? -eq 2
ok_if "archive --help lists the commands" bash -c "'$EPAPER' archive --help | grep -q 'reindex'"
"$EPAPER" archive search "$tmp/none" 吕梁 2>/dev/null
ok_if "search in a missing archive exits 2" test $? -eq 2
# ---------------------------------------------------------------- the five seeds
# raw page text goes through the importer; its dates come from the text
S=$tmp/seeds
for seed in "$SRC"/seeds/*.txt; do add "$S" "$seed" || echo "failed: $seed"; done >"$tmp/seed-errors"
ok_if "the five sample pages are added through the importer" test ! -s "$tmp/seed-errors"
"$EPAPER" -q archive list "$S" >"$tmp/sl"
ok_if "five editions with the dates from their text (seed 002: May 2020)" test \
  "$(cut -d' ' -f1 "$tmp/sl" | tr '\n' ' ')" = "2020-05-16 2022-02-19 2024-03-25 2024-05-10 2025-01-17 "
ok_if "the raw page is kept with the sources" test -f "$S/2020/05/16/source/raw/002_91a9d812c9a587a6.txt" -a -f "$S/2020/05/16/source/edition.yaml"
search_json "$S" 氢能 >"$tmp/sh.json"
ok_if "search 氢能 finds the hydrogen-bike article on page 1 of 2024-05-10" json_check "$tmp/sh.json" \
  "any(h['date']=='2024-05-10' and h['page']==1 and '氢能共享单车' in h['title'] for h in d)"
ok_if "search 氢能 also finds the 氢能 mention of 2022-02-19, newest first" json_check "$tmp/sh.json" \
  "[h['date'] for h in d]==['2024-05-10','2022-02-19']"
search_json "$S" 吕梁 --limit 0 >"$tmp/sl.json"
ok_if "search 吕梁 returns results from every seed edition" json_check "$tmp/sl.json" \
  "sorted(set(h['date'] for h in d))==['2020-05-16','2022-02-19','2024-03-25','2024-05-10','2025-01-17']"
search_json "$S" 科学技术大会 >"$tmp/st.json"
ok_if "a 6-character query finds the 2020 science conference" json_check "$tmp/st.json" \
  "len(d)>=1 and d[0]['date']=='2020-05-16'"
ok_if "verify passes on the seed archive" "$EPAPER" -q archive verify "$S"
rm -f "$S/archive.sqlite"
"$EPAPER" -q archive reindex "$S"
search_json "$S" 氢能 >"$tmp/sh2.json"
ok_if "reindex rebuilds the same results from the stored sources" cmp "$tmp/sh.json" "$tmp/sh2.json"
done_testing
