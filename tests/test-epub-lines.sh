#!/usr/bin/env bash
# test-epub-lines.sh — the EPUB of the sample pages read in Debian's
# chromium (Playwright, tests/reader/epub-lines.test.mjs): at 600×800 and
# 360×640 no line of any chapter starts with —, ， or 。 (the connector
# dash of 课程开发—教学实践 is kept with its neighbours by the markup).
set -u
. "$(dirname "$0")/tap.sh"

"$EPAPER" -q build "$SRC"/seeds/*.txt -o "$tmp/seeds" --epub 2>/dev/null
ok_if "seeds: build --epub exits 0" test -s "$tmp/seeds/edition.epub"
mkdir -p "$tmp/x"
ok_if "EPUB unzips" unzip -q "$tmp/seeds/edition.epub" -d "$tmp/x"
ok_if "the markup keeps a connector dash with both neighbours" \
  grep -rq '<span class="nobr">发—教</span>' "$tmp/x/EPUB/text"
ok_if "chromium is installed" test -x /usr/bin/chromium
ok_if "playwright-core is installed (npm ci)" test -f "$SRC/node_modules/playwright-core/package.json"

run_tap "epub-lines.test.mjs" "$SRC/tests/reader/epub-lines.test.mjs" "$tmp/x"
done_testing
