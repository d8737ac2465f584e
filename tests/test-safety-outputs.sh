#!/usr/bin/env bash
# test-safety-outputs.sh — what the program writes, under attack and
# accident: a tampered manifest (verify names it, the index pages escape
# it), a full disk (an add that cannot be indexed is undone; a build leaves
# nothing), a read-only archive (listed, searched, verified), failed and
# killed builds (nothing left, nothing a later build keeps), the desk's own
# files beside the outputs (never written through a link, never removed),
# a re-import over edited sources.  Full disks and read-only mounts are
# real: tmpfs and bind mounts in a private mount namespace (unshare -m as
# root, which a chroot allows; else -rm, a user namespace of its own).
set -u
. "$(dirname "$0")/tap.sh"
EX="$SRC/tests/editions/example"
FULL="$SRC/tests/editions/full"

# 3. a tampered manifest: verify names the field, the pages escape it
"$EPAPER" -q archive add "$tmp/A3" "$EX" 2>/dev/null
M3="$tmp/A3/2025/02/18/manifest.json"
cp "$M3" "$tmp/manifest.orig"
tamper () {  # tamper PYTHON-STATEMENT: edits d (the manifest) in place
  python3 - "$M3" "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1])); exec(sys.argv[2]); json.dump(d, open(sys.argv[1], 'w'))
EOF
}
no_onerror () {  # no element of the HTML file has an event-handler attribute
  python3 - "$1" <<'EOF'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def handle_starttag(self, tag, attrs):
        if any(k.startswith('on') for k, _ in attrs): sys.exit(1)
P().feed(open(sys.argv[1]).read())
EOF
}
tamper "d['pages'][0]['thumbnail'] = 'x\" onerror=\"alert(document.domain)'"
"$EPAPER" -q archive verify "$tmp/A3" >"$tmp/v3" 2>&1
ok_if "verify of a manifest with a hostile thumbnail fails" test $? -eq 1
ok_if "... naming the field" grep -q "pages\[0\]: 'thumbnail' is 'x\" onerror=" "$tmp/v3"
"$EPAPER" archive list "$tmp/A3" >"$tmp/l3" 2>&1
ok_if "list skips that edition, saying why" grep -q "not a valid archive manifest: pages\[0\]: 'thumbnail'" "$tmp/l3"
ok_if "... and the index page it rewrote runs no script" no_onerror "$tmp/A3/index.html"
ok_if "... nor does the edition's own page" no_onerror "$tmp/A3/2025/02/18/index.html"
cp "$tmp/manifest.orig" "$M3"
tamper "d['pages'][0]['image'] = '../../../../etc/passwd'"
"$EPAPER" -q archive verify "$tmp/A3" >"$tmp/v3" 2>&1
ok_if "an image path out of the edition is named by verify" grep -q "pages\[0\]: 'image' is '../../../../etc/passwd'" "$tmp/v3"
cp "$tmp/manifest.orig" "$M3"
tamper "d['files'][0]['path'] = '/etc/shadow'"
"$EPAPER" -q archive verify "$tmp/A3" >"$tmp/v3" 2>&1
ok_if "a file path out of the edition is named by verify" grep -q "files\[0\]: path '/etc/shadow' is not a file of the edition" "$tmp/v3"
cp "$tmp/manifest.orig" "$M3"
tamper "d['articles'][0]['page'] = 'one'"
"$EPAPER" -q archive verify "$tmp/A3" >"$tmp/v3" 2>&1
ok_if "a field of the wrong type is named by verify" grep -q "articles\[0\]: 'page' is not a whole number" "$tmp/v3"
cp "$tmp/manifest.orig" "$M3"
ok_if "the manifest restored, verify passes again" "$EPAPER" -q archive verify "$tmp/A3"
"$EPAPER" -q archive list "$tmp/A3" >/dev/null
ok_if "... and the index lists the edition again" grep -q 'href="2025/02/18/index.html"' "$tmp/A3/index.html"
# markup in every field of the sources is text in every page and feed
cp -r "$EX" "$tmp/markup"
sed -i 's/^paper: .*/paper: "报<\/title><script>alert(1)<\/script>"/; s/section: 要闻/section: "\\" onmouseover=\\"alert(2)"/' \
  "$tmp/markup/edition.yaml"
sed -i 's/^title: .*/title: "\\"><img src=x onerror=alert(3)>"/' "$tmp/markup/natural-gas.md"
"$EPAPER" -q archive add "$tmp/A3m" "$tmp/markup" 2>"$tmp/err"
ok_if "an edition with markup in its paper, section and title is stored" test -s "$tmp/A3m/2025/02/18/manifest.json"
for f in index.html 2025/02/18/index.html 2025/02/18/reader/index.html; do
  ok_if "... $f runs no script from it" no_onerror "$tmp/A3m/$f"
done
ok_if "... no page has a <script> or <img> from it" \
  bash -c "! grep -q '<script>alert\|<img src=x' '$tmp/A3m/index.html' '$tmp/A3m/2025/02/18/index.html'"
ok_if "... and the pages and feeds are well-formed XML" \
  xmllint --noout "$tmp/A3m/index.html" "$tmp/A3m/2025/02/18/index.html" "$tmp/A3m/opds.xml" "$tmp/A3m/opds-2025.xml"

# a private mount namespace: root needs no user namespace (and may make
# none inside a chroot, as a fresh system's build does); others map
# themselves to root in one of their own.  In a chroot "/" is no mount
# point, so unshare cannot make the mounts private; they are left as they
# are (the tests mount only below their own temporary folder)
if [ "$(id -u)" != 0 ]; then private_mounts () { unshare -rm "$@"; }
elif unshare -m true 2>/dev/null; then private_mounts () { unshare -m "$@"; }
else private_mounts () { unshare -m --propagation unchanged "$@"; }
fi

# 9. a full disk: tmpfs in a private mount namespace, filled to leave
# KB kilobytes (from too little to copy the sources, through enough to
# store them but not to index them, to enough), then an add; every add either succeeds whole or leaves the
# archive as it was, and the same add succeeds once there is room
"$EPAPER" -q archive add "$tmp/A9" "$EX" --no-build
cp -r "$EX" "$tmp/second"
private_mounts bash -c '
  set -u; M="$1"; E="$2"; A="$3"; S="$4"; mkdir -p "$M"
  for kb in 8 32 64 96 112 128 160 256; do
    mount -t tmpfs -o size=4m tmpfs "$M" || exit 1
    cp -r "$A" "$M/A"
    dd if=/dev/zero of="$M/fill" bs=4k 2>/dev/null
    truncate -s "-${kb}K" "$M/fill"
    "$E" -q archive add "$M/A" "$S" --date 2025-03-01 --no-build 2>"$M/err.txt"; first=$?
    stored=$(test -e "$M/A/2025/03/01" && echo 1 || echo 0)
    "$E" -q archive verify "$M/A" >/dev/null 2>&1; verify=$?
    undone=$(grep -c "was not stored" "$M/err.txt")
    rm -f "$M/fill"
    "$E" -q archive add "$M/A" "$S" --date 2025-03-01 --no-build 2>/dev/null; retry=$?
    [ "$first" -eq 0 ] && retry=0   # (already stored: nothing to retry)
    "$E" archive search "$M/A" 吕气吕用 2>/dev/null | grep -q 2025-03-01; found=$?
    echo "$kb $first $stored $verify $undone $retry $found"
    umount "$M"
  done' _ "$tmp/mnt" "$EPAPER" "$tmp/A9" "$tmp/second" >"$tmp/disk.txt" 2>"$tmp/disk.err"
ok_if "the full-disk runs ran (unshare, tmpfs)" test "$(wc -l <"$tmp/disk.txt")" -eq 8
sed 's/^/# KB first stored verify undone retry found: /' "$tmp/disk.txt"
ok_if "an add that failed stored nothing, and verify passed after it" \
  awk '$2 != 0 && ($3 != 0 || $4 != 0) { bad = 1 } END { exit bad }' "$tmp/disk.txt"
ok_if "an add that succeeded left a verified archive" awk '$2 == 0 && $4 != 0 { bad = 1 } END { exit bad }' "$tmp/disk.txt"
ok_if "the same add succeeds once there is room (no 'already stored'), and search finds it" \
  awk '$6 != 0 || $7 != 0 { bad = 1 } END { exit bad }' "$tmp/disk.txt"
ok_if "some add failed after its folder moved in, and was undone" awk '$5 > 0 { n++ } END { exit !n }' "$tmp/disk.txt"
ok_if "some add had room enough" awk '$2 == 0 { n++ } END { exit !n }' "$tmp/disk.txt"
private_mounts bash -c '
  M="$1"; mkdir -p "$M"; mount -t tmpfs -o size=2m tmpfs "$M" || exit 9
  dd if=/dev/zero of="$M/fill" bs=4k 2>/dev/null; truncate -s -300K "$M/fill"
  "$2" -q build "$3" -o "$M/out" 2>/dev/null; echo "rc=$?"
  find "$M" -mindepth 1 ! -name fill | sed "s|^$M/|left: |"' _ "$tmp/mnt2" "$EPAPER" "$EX" >"$tmp/build-full.txt" 2>&1
ok_if "a build into a full disk exits 1" grep -qx "rc=1" "$tmp/build-full.txt"
ok_if "... and leaves nothing (no output folder, no page preview)" bash -c "! grep -q '^left:' '$tmp/build-full.txt'"

# a read-only archive: listed, searched and verified; reindex and add say why not
private_mounts bash -c '
  A="$1"; E="$2"; mount --bind "$A" "$A" && mount -o remount,bind,ro "$A" || exit 9
  "$E" archive list "$A" >/dev/null 2>&1; echo "list=$?"
  "$E" archive search "$A" 吕气吕用 2>/dev/null | grep -q 2025-02-18; echo "search=$?"
  "$E" -q archive verify "$A" >/dev/null 2>&1; echo "verify=$?"
  "$E" -q archive reindex "$A" 2>&1 | grep -q "Read-only file system"; echo "reindex-says-why=$?"
  "$E" -q archive add "$A" "$3" --date 2025-03-02 --no-build >/dev/null 2>&1; echo "add=$?"' \
  _ "$tmp/A9" "$EPAPER" "$EX" >"$tmp/ro.txt" 2>&1
for want in list=0 search=0 verify=0 reindex-says-why=0 add=1; do
  ok_if "read-only archive: $want" grep -qx "$want" "$tmp/ro.txt"
done

# 10. failed and killed builds
"$EPAPER" -q build "$EX" --layout no-such-layout -o "$tmp/failed" 2>/dev/null
ok_if "a build that fails after parsing exits 2" test $? -eq 2
ok_if "... and leaves no output folder" test ! -e "$tmp/failed"
mkdir -p "$tmp/tmpdir"
for n in 3 12; do
  bash -c 'TMPDIR="$1" exec strace -f -qq -o /dev/null -e inject=rename:signal=KILL:when=$2 \
             "$3" -q build "$4" -o "$5"' _ "$tmp/tmpdir" "$n" "$EPAPER" "$EX" "$tmp/killed" 2>/dev/null
  echo "# killed at rename $n: exit $?"
done
ok_if "killed builds leave their partial files only in a stage folder" \
  bash -c "test -n \"\$(ls -A '$tmp/killed' | grep '^\.epaper-stage-')\" && test -z \"\$(find '$tmp/killed' -name '*.tmp' -not -path '*/.epaper-stage-*')\""
TMPDIR="$tmp/tmpdir" "$EPAPER" -q build "$EX" -o "$tmp/killed" 2>/dev/null
ok_if "the next build completes" test -s "$tmp/killed/edition.pdf" -a -s "$tmp/killed/reader/edition.json"
ok_if "... and removes every stage and temporary file the killed ones left" \
  bash -c "test -z \"\$(find '$tmp/killed' -name '.epaper-stage-*' -o -name '*.tmp')\""
TMPDIR="$tmp/tmpdir" "$EPAPER" -q build "$EX" -o "$tmp/np" --no-previews 2>/dev/null
ok_if "no build wrote into \$TMPDIR (the EPUB cover is scratch in the stage)" test -z "$(ls -A "$tmp/tmpdir")"

# 11. the desk's files
mkdir -p "$tmp/elsewhere" "$tmp/o1"; ln -s "$tmp/elsewhere" "$tmp/o1/reader"
"$EPAPER" -q build "$EX" -o "$tmp/o1" 2>"$tmp/err"
ok_if "a build into a folder whose reader/ is a link exits 1" test $? -eq 1
ok_if "... saying so" grep -q "o1/reader: is a symbolic link" "$tmp/err"
ok_if "... and writes nothing through it or beside it" \
  bash -c "test -z \"\$(ls -A '$tmp/elsewhere')\" && test ! -e '$tmp/o1/edition.pdf'"
mkdir -p "$tmp/o2"; ln -s "$tmp/elsewhere" "$tmp/o2/pages"
"$EPAPER" -q build "$EX" -o "$tmp/o2" 2>"$tmp/err"
ok_if "... the same for pages/" bash -c "grep -q 'o2/pages: is a symbolic link' '$tmp/err' && test -z \"\$(ls -A '$tmp/elsewhere')\""
"$EPAPER" -q build "$FULL" -o "$tmp/o3" 2>/dev/null
echo "the desk's" >"$tmp/o3/reader/notes.txt"; echo "the desk's" >"$tmp/o3/p1.png"
"$EPAPER" -q build "$EX" -o "$tmp/o3" --pdf 2>/dev/null
ok_if "--pdf into another edition's build folder removes that edition's EPUB and reader" \
  test ! -e "$tmp/o3/edition.epub" -a ! -e "$tmp/o3/reader/edition.json" -a ! -e "$tmp/o3/pages/p3.png"
ok_if "... keeps the desk's files (reader/notes.txt, p1.png beside the outputs)" \
  test -s "$tmp/o3/reader/notes.txt" -a -s "$tmp/o3/p1.png"
ok_if "... and lists only the new build's files" bash -c "! grep -q 'edition.epub\\|reader/' '$tmp/o3/.epaper-build'"

SEED="$SRC/seeds/001_62d4ffa4e3e3ccf7.txt"
[ -f "$SEED" ] || SEED=$(ls "$SRC"/seeds/001_*.txt)
"$EPAPER" -q import "$SEED" -o "$tmp/src" 2>/dev/null
printf '\n（编辑补充的一段。）\n' >>"$tmp/src/p1-1.md"; cp "$tmp/src/p1-1.md" "$tmp/edited.md"
echo "---" >"$tmp/src/extra.md"
"$EPAPER" -q import "$SEED" -o "$tmp/src" 2>"$tmp/err"
ok_if "re-importing over an edited source exits 1" test $? -eq 1
ok_if "... naming it and --force" grep -q "src/p1-1.md: changed since it was written (use --force" "$tmp/err"
ok_if "... and changes nothing" bash -c "cmp -s '$tmp/src/p1-1.md' '$tmp/edited.md' && test -e '$tmp/src/extra.md'"
"$EPAPER" -q import "$SEED" -o "$tmp/src" --force 2>/dev/null
ok_if "--force replaces the edited source" bash -c "! cmp -s '$tmp/src/p1-1.md' '$tmp/edited.md'"
ok_if "... and keeps the desk's extra file" test -e "$tmp/src/extra.md"
"$EPAPER" -q import "$SEED" -o "$tmp/src" 2>/dev/null
ok_if "an unchanged re-import needs no --force" test $? -eq 0
done_testing
