#!/usr/bin/env bash
# test-reader.sh — browser tests of the web reader (issue 8): writes a sample
# output folder (test-reader --write-sample), then drives Debian's headless
# chromium over file:// with Playwright (tests/reader/*.mjs).  Screenshots go
# to out/reader-*.png.
set -u
. "$(dirname "$0")/tap.sh"
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD="$SRC/$BUILD" ;; esac

ok_if "sample output folder written" "$BUILD/tests/test-reader" --write-sample "$tmp/out"
ok_if "sample with article HTML, no page images written" "$BUILD/tests/test-reader" --write-sample "$tmp/xhtml" --xhtml --no-images
ok_if "reader files present" test -s "$tmp/out/reader/index.html" -a -s "$tmp/out/reader/edition.js" \
  -a -s "$tmp/out/reader/edition.json" -a -s "$tmp/out/reader/reader.js" -a -s "$tmp/out/reader/reader.css"
size=$(cat "$tmp/out/reader"/* 2>/dev/null | wc -c)
echo "# reader size without page images: $size bytes"
ok_if "reader without page images is under 60 KB" test "$size" -gt 0 -a "$size" -lt 61440
ok_if "index.html loads edition.js by <script src>, no CDN" bash -c \
  "grep -q '<script src=\"edition.js\"></script>' '$SRC/reader/index.html' && ! grep -qE '(src|href)=\"(https?:)?//' '$SRC/reader/index.html'"
ok_if "chromium is installed" test -x /usr/bin/chromium
ok_if "playwright-core is installed (npm ci)" test -f "$SRC/node_modules/playwright-core/package.json"

# Runs a node TAP script and renumbers its lines after ours.
run_tap () {
  local name=$1; shift
  timeout 300 node "$@" >"$tmp/tap" 2>&1
  local rc=$?
  while IFS= read -r line; do
    case $line in
      "ok "*|"not ok "*)
        _tap_n=$((_tap_n + 1))
        echo "$line" | sed -E "s/^(not ok|ok) [0-9]+/\1 $_tap_n/" ;;
      "1.."*) ;;
      *) echo "$line" ;;
    esac
  done <"$tmp/tap"
  _tap_n=$((_tap_n + 1))
  if [ "$rc" -eq 0 ] && grep -q '^ok ' "$tmp/tap"; then echo "ok $_tap_n - $name finished"
  else echo "not ok $_tap_n - $name finished (exit $rc)"; fi
}

mkdir -p "$SRC/out"
run_tap "reader.test.mjs" "$SRC/tests/reader/reader.test.mjs" "$tmp/out" "$SRC/out" "$tmp/xhtml"
run_tap "any-edition.test.mjs" "$SRC/tests/reader/any-edition.test.mjs" "$tmp/out" --search 汾酒

# The same from a static web server on the loopback address.
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$tmp/out" >"$tmp/http.log" 2>&1 &
http_pid=$!
trap 'kill $http_pid 2>/dev/null; rm -rf "$tmp"' EXIT
port=""
for _ in $(seq 50); do
  port=$(grep -oE 'port [0-9]+' "$tmp/http.log" | head -1 | cut -c6-)
  [ -n "$port" ] && break
  sleep 0.1
done
ok_if "static web server started" test -n "$port"
run_tap "any-edition.test.mjs over http" "$SRC/tests/reader/any-edition.test.mjs" "$tmp/out" \
  --base "http://127.0.0.1:$port/" --search 天然气
done_testing
