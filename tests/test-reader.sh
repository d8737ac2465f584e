#!/usr/bin/env bash
# test-reader.sh — browser tests of the web reader (issue 8): writes a sample
# output folder (test-reader --write-sample), then drives Debian's headless
# chromium over file:// with Playwright (tests/reader/*.mjs).  Screenshots go
# to out/reader-*.png.
set -u
. "$(dirname "$0")/tap.sh"
BUILD=${BUILD:-build}
# What the browser tests need (`make check` installs both): no test without them.
for need in /usr/bin/chromium "$SRC/node_modules/playwright-core/package.json"; do
  [ -e "$need" ] || { echo "Bail out! $need is missing (make check installs it)"; exit 1; }
done
case $BUILD in /*) ;; *) BUILD="$SRC/$BUILD" ;; esac

# Size of a built reader without page images and article texts (index.html,
# reader.css, reader.js, edition.json, edition.js), and with the texts.
core_size () { cat "$1"/reader/{index.html,reader.css,reader.js,edition.json,edition.js} | wc -c; }
text_size () { cat "$1"/reader/text/*.js | wc -c; }
budget () {
  local core text
  core=$(core_size "$1") text=$(text_size "$1")
  echo "# $2: reader $core bytes + article texts $text bytes = $((core + text)) bytes"
  ok_if "$2: reader without page images and texts under 60 KB" test "$core" -gt 0 -a "$core" -lt 61440 -a "$text" -gt 0
}

ok_if "sample output folder written" "$BUILD/tests/test-reader" --write-sample "$tmp/out"
ok_if "sample with article HTML, no page images written" "$BUILD/tests/test-reader" --write-sample "$tmp/xhtml" --xhtml --no-images
ok_if "reader files present" test -s "$tmp/out/reader/index.html" -a -s "$tmp/out/reader/edition.js" \
  -a -s "$tmp/out/reader/edition.json" -a -s "$tmp/out/reader/reader.js" -a -s "$tmp/out/reader/reader.css"
budget "$tmp/out" sample
ok_if "index.html loads edition.js by <script src>, no CDN" bash -c \
  "grep -q '<script src=\"edition.js\"></script>' '$SRC/reader/index.html' && ! grep -qE '(src|href)=\"(https?:)?//' '$SRC/reader/index.html'"

# Real builds: the example edition with a jump line, built twice (the
# second over the first's files).
cp -r "$SRC/tests/editions/example" "$tmp/jump"
printf '\n> 下转第2版\n' >>"$tmp/jump/tech-transfer.md"
ok_if "example edition built" "$EPAPER" -q build "$tmp/jump" -o "$tmp/real"
ok_if "example edition built again" "$EPAPER" -q build "$tmp/jump" -o "$tmp/real"
ok_if "edition.json lists one existing image2x (JPEG or PNG) for every page" python3 -c "
import json, os, sys
d = json.load(open('$tmp/real/reader/edition.json'))
ok = all(p.get('image2x') and os.path.isfile(os.path.join('$tmp/real/reader', p['image2x'])) for p in d['pages'])
n = len([f for f in os.listdir('$tmp/real/pages') if f.endswith(('@2x.png', '@2x.jpg'))])
sys.exit(not (ok and n == len(d['pages']) and d.get('image_width') == 1200))"
ok_if "one text file per article" test "$(ls "$tmp/real/reader/text" | wc -l)" = 3
ok_if "one copy of the article text in the reader" test "$(grep -rl '近年来，市委' "$tmp/real/reader" | wc -l)" = 1
ok_if "the article text is the EPUB's article XHTML" bash -c \
  "unzip -p '$tmp/real/edition.epub' EPUB/text/a-natural-gas.xhtml | grep -q '<p><b>本报讯</b>' && grep -q '<p><b>本报讯</b>' '$tmp/real/reader/text/natural-gas.js'"
budget "$tmp/real" "example (real build)"
ok_if "full edition built" "$EPAPER" -q build "$SRC/tests/editions/full" -o "$tmp/full"
budget "$tmp/full" "tests/editions/full"
for seed in "$SRC"/seeds/*.txt; do
  name=$(basename "$seed" .txt | cut -d_ -f1)
  "$EPAPER" -q import "$seed" -o "$tmp/seed-$name/src" >/dev/null 2>&1
  "$EPAPER" -q build "$tmp/seed-$name/src" -o "$tmp/seed-$name/out" --layout broadsheet >/dev/null 2>&1
  budget "$tmp/seed-$name/out" "seed $name"
done

mkdir -p "$SRC/out"
run_tap "reader.test.mjs" "$SRC/tests/reader/reader.test.mjs" "$tmp/out" "$SRC/out" "$tmp/xhtml"
run_tap "any-edition.test.mjs" "$SRC/tests/reader/any-edition.test.mjs" "$tmp/out" --search 汾酒
run_tap "any-edition.test.mjs on a real build" "$SRC/tests/reader/any-edition.test.mjs" "$tmp/real" --search 汾酒

# The same from a static web server on the loopback address, on a port the
# system picks: the server prints its "Serving HTTP on 127.0.0.1 port N"
# line once it listens, and the test reads that line before it connects.
exec 3< <(exec python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$tmp/out" 2>"$tmp/http.log")
http_pid=$!
trap 'kill $http_pid 2>/dev/null; rm -rf "$tmp"' EXIT
port=""
IFS= read -r serving <&3 && port=$(echo "$serving" | grep -oE ' port [0-9]+' | cut -c7-)
ok_if "static web server started" test -n "$port"
run_tap "any-edition.test.mjs over http" "$SRC/tests/reader/any-edition.test.mjs" "$tmp/out" \
  --base "http://127.0.0.1:$port/" --search 天然气
done_testing
