#!/usr/bin/env bash
# test-safety-sources.sh — bad and hostile sources end to end: symbolic
# links out of the edition, special and oversized files, images too large
# or truncated, deep YAML, characters no output can show, escape sequences
# meant for the terminal, validation gaps, edition folders named with a
# trailing slash or an absolute path.  Each is refused with file:line and
# exit status 2 (or works, for the folder forms), and nothing outside the
# edition is ever read (strace).
set -u
. "$(dirname "$0")/tap.sh"
EX="$SRC/tests/editions/example"
JPEG="$SRC/tests/editions/figures/photos/sample.jpg"

# A fresh edition folder $tmp/NAME: edition.yaml listing a.md, and beside
# it $tmp/outside/ with files it must never reveal.
fresh () {
  rm -rf "$tmp/$1"; mkdir -p "$tmp/$1/photos" "$tmp/outside"
  printf 'paper: 测试日报\ndate: 2024-05-20\npages:\n  - section: 要闻\n    articles: [a.md]\n' \
    >"$tmp/$1/edition.yaml"
  printf -- '---\ntitle: 标题\n---\n正文第一段，足够长的一句话。\n\n![图片说明。](photos/p.jpg)\n' >"$tmp/$1/a.md"
  cp "$JPEG" "$tmp/$1/photos/p.jpg"
  printf -- '---\ntitle: 机密\n---\nTOP-SECRET-TEXT\n' >"$tmp/outside/secret.md"
  cp "$JPEG" "$tmp/outside/secret.jpg"
  printf 'SECRET-TRAILER' >>"$tmp/outside/secret.jpg"
}
# refused NAME MESSAGE: a build of $tmp/NAME exits 2 naming MESSAGE and
# writes no output folder
refused () {
  "$EPAPER" -q build "$tmp/$1" -o "$tmp/$1.out" >"$tmp/$1.log" 2>&1
  local rc=$?
  ok_if "$1: build exits 2" test "$rc" -eq 2
  ok_if "$1: the message says: $2" grep -qF -- "$2" "$tmp/$1.log"
  ok_if "$1: no output folder is left" test ! -e "$tmp/$1.out"
}

# 1. symbolic links out of the edition folder
fresh img-link; ln -sf "$tmp/outside/secret.jpg" "$tmp/img-link/photos/p.jpg"
refused img-link "a.md:6: image 'photos/p.jpg' is a symbolic link (not followed)"
"$EPAPER" -q archive add "$tmp/A1" "$tmp/img-link" --no-build 2>"$tmp/err"
ok_if "archive add --no-build of a linked image exits 2" test $? -eq 2
ok_if "... and stores no copy of the link's target" \
  bash -c "! grep -rqa SECRET-TRAILER '$tmp/A1' && test ! -e '$tmp/A1/2024'"
fresh art-link; ln -sf "$tmp/outside/secret.md" "$tmp/art-link/a.md"
refused art-link "edition.yaml:5: article 'a.md' is a symbolic link (not followed)"
ok_if "art-link: the secret text is in no output" bash -c "! grep -rqa TOP-SECRET-TEXT '$tmp/art-link.out' 2>/dev/null"
fresh dir-link; rm -rf "$tmp/dir-link/photos"; ln -s "$tmp/outside" "$tmp/dir-link/photos"
sed -i 's/photos\/p.jpg/photos\/secret.jpg/' "$tmp/dir-link/a.md"
refused dir-link "image 'photos/secret.jpg' is in 'photos', a symbolic link (not followed)"
fresh yaml-link; mv "$tmp/yaml-link/edition.yaml" "$tmp/outside/edition.yaml"
ln -s "$tmp/outside/edition.yaml" "$tmp/yaml-link/edition.yaml"
refused yaml-link "edition.yaml is a symbolic link (not followed)"

# strace: the refused editions open nothing in outside/; a full build and
# an archive add of an edition with figures open nothing but the edition,
# output and archive folders below $tmp (system files are elsewhere)
opens () {  # opens LOG: every path a traced open named, resolved against its dirfd
  python3 - "$1" <<'EOF'
import re, sys, os
for line in open(sys.argv[1], errors='replace'):
    m = re.search(r'\bopen(?:at2?)?\((?:(?:AT_FDCWD|\d+)(?:<([^>]*)>)?, )?"((?:[^"\\]|\\.)*)"', line)
    if not m:
        continue
    base, path = m.group(1), m.group(2)
    print(os.path.normpath(os.path.join(base, path) if base and not path.startswith('/') else path))
EOF
}
for e in img-link art-link dir-link yaml-link; do
  strace -f -y -qq -e trace=open,openat,openat2 -o "$tmp/$e.strace" "$EPAPER" -q build "$tmp/$e" -o "$tmp/$e.out2" 2>/dev/null
  ok_if "strace $e: nothing in outside/ is opened" bash -c "! ( $(declare -f opens); opens '$tmp/$e.strace' ) | grep -q '^$tmp/outside'"
done
mkdir -p "$tmp/good"; cp -r "$SRC/tests/editions/figures/." "$tmp/good/"
ln -s "$tmp/outside/secret.md" "$tmp/good/unlisted-link.md"   # in the folder, listed nowhere
strace -f -y -qq -e trace=open,openat,openat2 -o "$tmp/good-build.strace" "$EPAPER" -q build "$tmp/good" -o "$tmp/good-out" 2>/dev/null
ok_if "strace: the build of an edition with figures succeeds" test -s "$tmp/good-out/edition.pdf"
strace -f -y -qq -e trace=open,openat,openat2 -o "$tmp/good-add.strace" "$EPAPER" -q archive add "$tmp/good-arch" "$tmp/good" 2>/dev/null
ok_if "strace: archive add of it succeeds" test -s "$tmp/good-arch/2025/02/18/manifest.json"
for s in good-build good-add; do
  (opens "$tmp/$s.strace") | grep "^$tmp/" | sort >"$tmp/$s.paths"
  ok_if "strace $s: every open below the test folder is in the edition, output or archive folder" \
    bash -c "! grep -vE '^$tmp/(good|good-out|good-arch)(/|$)' '$tmp/$s.paths'"
  echo "# strace $s: $(wc -l <"$tmp/$s.paths") opens below the test folder:" \
    "$(grep -c "^$tmp/good/" "$tmp/$s.paths") in the edition," \
    "$(grep -cE "^$tmp/good-(out|arch)" "$tmp/$s.paths") in the output or archive, 0 elsewhere"
done

# 4. escape sequences for the terminal: refused in sources, replaced in
# everything printed (a folder name, an unknown key, a tampered index)
fresh esc
printf -- '---\ntitle: "\\e]0;pwned\\a\\e[31m标题"\n---\n正文。\n' >"$tmp/esc/a.md"
refused esc "a.md:2: character U+001B (a control character) cannot be printed; remove it"
ok_if "esc: no escape byte reaches the terminal" bash -c "! grep -qP '\\x1b|\\x07' '$tmp/esc.log'"
evil="$tmp/$(printf 'ed\033]0;pwned\007\033[31m')"
cp -r "$EX" "$evil"
printf '"\\e[2Jkey": 1\n' >>"$evil/edition.yaml"
"$EPAPER" build "$evil" -o "$tmp/evil-out" --pdf --no-previews >"$tmp/evil.log" 2>&1
ok_if "a folder named with escapes builds" test -s "$tmp/evil-out/edition.pdf"
ok_if "... its warnings (the folder, an unknown key made of escapes) print no escape byte" \
  bash -c "grep -q 'unknown key' '$tmp/evil.log' && ! grep -qP '\\x1b|\\x07' '$tmp/evil.log'"
"$EPAPER" -q archive add "$tmp/A4" "$EX" --no-build
python3 - "$tmp/A4/archive.sqlite" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE articles SET title = title || char(27) || ']0;pwned' || char(7) || char(27) || '[31m'")
db.commit()
EOF
"$EPAPER" archive search "$tmp/A4" 天然气 >"$tmp/search.out" 2>&1
ok_if "archive search with a tampered title exits 0" test $? -eq 0
ok_if "... and prints no escape byte (U+FFFD instead)" \
  bash -c "grep -q $'\\xef\\xbf\\xbd' '$tmp/search.out' && ! grep -qP '\\x1b|\\x07' '$tmp/search.out'"
python3 - "$tmp/A4/2025/02/18/manifest.json" <<'EOF'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
d['articles'][0]['title'] = '\x1b]0;pwned\x07\x1b[31m标题'
json.dump(d, open(p, 'w'))
EOF
"$EPAPER" archive list "$tmp/A4" >"$tmp/list.out" 2>&1
ok_if "archive list of a manifest with escapes prints no escape byte" \
  bash -c "! grep -qP '\\x1b|\\x07' '$tmp/list.out'"
ok_if "... and names the manifest as invalid" grep -q "manifest.json:0: not a valid archive manifest" "$tmp/list.out"

# 5. noncharacters: removed by the importer with a note, refused in sources
printf '2024年5月20日 星期一\n\n新能源项目\xef\xb7\x90投产\n\n本报讯 全市新能源项目\xef\xbf\xbe今日投产，年产值可达十亿元。\n\n二要加快推进\xf0\x9f\xbf\xbf项目建设。\n' \
  >"$tmp/nonchar.txt"
"$EPAPER" import "$tmp/nonchar.txt" -o "$tmp/nonchar-src" 2>"$tmp/nonchar.log"
ok_if "import of a page with noncharacters exits 0" test $? -eq 0
ok_if "... with a note naming the page and line" grep -q "note: nonchar:3: character U+FDD0 (a noncharacter) removed" "$tmp/nonchar.log"
ok_if "... and sources without them" bash -c "! grep -rqP '\\xef\\xb7\\x90|\\xef\\xbf\\xbe|\\xf0\\x9f\\xbf\\xbf' '$tmp/nonchar-src'"
"$EPAPER" -q build "$tmp/nonchar-src" -o "$tmp/nonchar-out" --pdf 2>/dev/null
ok_if "... which build into a PDF" test -s "$tmp/nonchar-out/edition.pdf"
fresh nonchar; printf -- '---\ntitle: 标题\n---\n第一段。\n\n第二段\xef\xb7\x90。\n' >"$tmp/nonchar/a.md"
refused nonchar "a.md:6: character U+FDD0 (a noncharacter) cannot be printed"
ok_if "nonchar: no page preview is left anywhere" test -z "$(find "$tmp" -name 'p1.png' -path '*/nonchar.out/*')"

# 6. resources: deep YAML, huge or truncated images, FIFOs, large files
fresh deep; { printf 'paper: 报\ndate: 2024-05-20\nx: '; head -c 100000 /dev/zero | tr '\0' '['; } >"$tmp/deep/edition.yaml"
refused deep "edition.yaml:3: YAML nested deeper than 64 levels"
fresh bigjpeg
python3 - "$JPEG" "$tmp/bigjpeg/photos/p.jpg" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], 'rb').read()); i = d.index(b'\xff\xc0')
d[i+5:i+9] = bytes([0x4e, 0x20, 0x4e, 0x20]); open(sys.argv[2], 'wb').write(d)
EOF
refused bigjpeg "image 'photos/p.jpg' is a JPEG of 20000 × 20000 pixels, over the limit of 50 megapixels"
fresh bigpng; sed -i 's/p.jpg/p.png/' "$tmp/bigpng/a.md"
python3 - "$tmp/bigpng/photos/p.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
ihdr = struct.pack('>IIBBBBB', 20000, 20000, 8, 2, 0, 0, 0)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(b'\0' * 1000)) + chunk(b'IEND', b''))
EOF
refused bigpng "image 'photos/p.png' is a PNG of 20000 × 20000 pixels, over the limit of 50 megapixels"
fresh cutjpeg; head -c 300 "$JPEG" >"$tmp/cutjpeg/photos/p.jpg"
refused cutjpeg "image 'photos/p.jpg' is a corrupt or truncated JPEG"
fresh notimage; printf 'GIF89a' >"$tmp/notimage/photos/p.jpg"
refused notimage "image 'photos/p.jpg' is not a JPEG or PNG image"
fresh fifo; rm "$tmp/fifo/a.md"; mkfifo "$tmp/fifo/a.md"
timeout 60 "$EPAPER" -q build "$tmp/fifo" -o "$tmp/fifo.out" >"$tmp/fifo.log" 2>&1
ok_if "an article that is a FIFO is refused at once (exit 2, not blocked)" test $? -eq 2
ok_if "... as not a regular file" grep -q "article 'a.md' is not a regular file" "$tmp/fifo.log"
fresh zero; ln -sf /dev/zero "$tmp/zero/a.md"
refused zero "article 'a.md' is a symbolic link (not followed)"
fresh large; { printf -- '---\ntitle: 标题\n---\n'; head -c 9000000 /dev/zero | tr '\0' 'x'; } >"$tmp/large/a.md"
refused large "article 'a.md' is too large (limit 8 MB)"
head -c 9000000 /dev/zero | tr '\0' 'x' >"$tmp/large.txt"
"$EPAPER" -q import "$tmp/large.txt" -o "$tmp/large-src" 2>"$tmp/err"
ok_if "a raw page over 8 MB is refused (exit 2)" test $? -eq 2
ok_if "... as too large" grep -q "large.txt: is too large (limit 8 MB)" "$tmp/err"

# 8. an edition folder named with a trailing slash, or by an absolute path
mkdir -p "$tmp/rel"; cp -r "$EX" "$tmp/rel/e6"
(cd "$tmp/rel" && "$EPAPER" -q archive add A e6/ --no-build)
ok_if "archive add ARCH e6/ exits 0" test $? -eq 0
ok_if "... and stores the articles in source/, not source/e6/" \
  test -f "$tmp/rel/A/2025/02/18/source/natural-gas.md" -a ! -e "$tmp/rel/A/2025/02/18/source/e6"
"$EPAPER" -q archive reindex "$tmp/rel/A" 2>"$tmp/err"
ok_if "... reindex reads its sources (no 'titles only')" bash -c "! grep -q 'titles only' '$tmp/err'"
ok_if "... and finds a word of a body" bash -c "'$EPAPER' archive search '$tmp/rel/A' 吕气吕用 | grep -q 2025-02-18"
"$EPAPER" -q archive add "$tmp/rel/A" "$tmp/rel/e6/" --date 2025-02-19 --no-build 2>"$tmp/err"
ok_if "archive add ARCH /abs/e6/ exits 0" test $? -eq 0
ok_if "... and stores source/natural-gas.md" test -f "$tmp/rel/A/2025/02/19/source/natural-gas.md"

# 12. validation gaps, each with file:line and exit 2
fresh zh; sed -i 's/^date: 2024-05-20$/&\nlanguage: zh_CN/' "$tmp/zh/edition.yaml"
refused zh "edition.yaml:3: invalid language 'zh_CN' (want a BCP 47 tag such as zh-CN)"
fresh dupkey; printf 'date: 2024-05-21\n' >>"$tmp/dupkey/edition.yaml"
refused dupkey "edition.yaml:6: 'date' given twice (also on line 2)"
fresh dotslash; sed -i 's/\[a.md\]/[a.md, .\/a.md]/' "$tmp/dotslash/edition.yaml"
refused dotslash "edition.yaml:5: article './a.md' is listed twice"
fresh twodocs; printf -- '---\npaper: 另一份\n' >>"$tmp/twodocs/edition.yaml"
refused twodocs "edition.yaml:6: a second YAML document"
fresh nulltitle; sed -i 's/^title: 标题$/title: ~/' "$tmp/nulltitle/a.md"
refused nulltitle "a.md:1: article has no 'title'"
fresh badlayout; sed -i 's/^date: 2024-05-20$/&\nlayout: no-such-layout/' "$tmp/badlayout/edition.yaml"
refused badlayout "edition.yaml:3: unknown layout 'no-such-layout'"
"$EPAPER" -q build "$EX" -o "" 2>/dev/null
ok_if "-o '' is a usage error (exit 2)" test $? -eq 2
"$EPAPER" -q import "$SRC/seeds/000_16461028abd987dc.txt" -o "" 2>/dev/null
ok_if "import -o '' is a usage error (exit 2)" test $? -eq 2
"$EPAPER" -q archive add "$tmp/A12" "$EX" --no-build
"$EPAPER" archive search "$tmp/A12" -- -吕气 >"$tmp/dash.out" 2>&1
ok_if "a query beginning with - after -- is a query (exit 0)" test $? -eq 0
"$EPAPER" archive search "$tmp/A12" -吕气 >"$tmp/dash.out" 2>&1
ok_if "... without --, an option error saying that -- ends the options" \
  bash -c "grep -q -- '-- ends the options' '$tmp/dash.out'"
"$EPAPER" -q build "$EX" -o "$tmp/bidi" 2>/dev/null
ok_if "reader: edition text is isolated for bidi (CSS and <bdi>)" \
  bash -c "grep -q 'unicode-bidi:isolate' '$tmp/bidi/reader/reader.css' && grep -q \"el('bdi'\" '$tmp/bidi/reader/reader.js'"

# 13. the paths that leaked (ASan checks them under SANITIZE=1)
fresh inline; cp "$JPEG" "$tmp/inline/photos/q.jpg"
{ printf -- '---\ntitle: 标题\n---\n![一](photos/p.jpg)![二](photos/q.jpg)\n\n'
  sed '1,/^---$/d' "$EX/natural-gas.md"; } >"$tmp/inline/a.md"
"$EPAPER" -q build "$tmp/inline" -o "$tmp/inline.out" --pdf --no-previews 2>/dev/null
ok_if "a paragraph of two inline images loads and builds" test -s "$tmp/inline.out/edition.pdf"
touch "$tmp/a-file"
"$EPAPER" -q import "$SRC/seeds/000_16461028abd987dc.txt" -o "$tmp/a-file/sub" 2>/dev/null
ok_if "import into a folder that cannot be made exits 1" test $? -eq 1
done_testing
