#!/usr/bin/env bash
# test-cli.sh — end-to-end tests of the epaper command line.
set -u
. "$(dirname "$0")/tap.sh"

ok_if "--help lists the subcommands" bash -c "'$EPAPER' --help | grep -q 'build' && '$EPAPER' --help | grep -q 'import' && '$EPAPER' --help | grep -q 'archive'"
ok_if "--version prints a version" bash -c "'$EPAPER' --version | grep -qE '^epaper [0-9]+\.[0-9]+'"
ok_if "build --help shows usage" bash -c "'$EPAPER' build --help | grep -q 'EDITION_DIR'"
ok_if "unknown command exits 2" bash -c "'$EPAPER' frobnicate; test \$? -eq 2"
ok_if "unknown option exits 2" bash -c "'$EPAPER' build --no-such-option; test \$? -eq 2"

# --dump-model prints the parsed edition as JSON
"$EPAPER" build --dump-model "$SRC/tests/editions/example" >"$tmp/model.json" 2>"$tmp/err"
ok_if "dump-model exits 0" test $? -eq 0
ok_if "dump-model is JSON with the lead title" bash -c "python3 -c 'import json,sys; d=json.load(open(\"$tmp/model.json\")); assert d[\"pages\"][0][\"articles\"][0][\"title\"]==\"激发科技成果转化新动能\"'"

# a page whose copy runs out is built, with a warning naming it
"$EPAPER" -q build "$SRC/tests/editions/example" -o "$tmp/thin" 2>"$tmp/err"
ok_if "thin page builds (exit 0)" test $? -eq 0
ok_if "thin page warns: page 1 (要闻) is N% white" grep -qE "warning: .*example: page 1 \(要闻\) is [0-9]+% white on layout 'broadsheet'" "$tmp/err"
"$EPAPER" -q build "$SRC/tests/editions/crowded" -o "$tmp/full" 2>"$tmp/err"
ok_if "a full page gets no such warning" bash -c "! grep -q 'page 1 .*% white' '$tmp/err'"
ok_if "... nor a hole warning on broadsheet" bash -c "! grep -q 'page 1 .*lines white under' '$tmp/err'"
# a module whose copy is short for its place (tabloid: the photo story
# leaves lines under its text) is built, with a warning naming it
"$EPAPER" -q build "$SRC/tests/editions/figures" --layout tabloid --pdf -o "$tmp/hole" 2>"$tmp/err"
ok_if "a page with a hole builds (exit 0)" test $? -eq 0
ok_if "the hole is reported: page, layout, lines and the article's title" grep -qE \
  "warning: .*figures: page 1 \(要闻\) on layout 'tabloid': [0-9]+ lines white under '点燃新质生产力发展“新引擎”'" "$tmp/err"

# bad sources: file:line: message, exit 2, nothing written
mkdir -p "$tmp/bad"
printf 'paper: 报\ndate: 2024-13-01\npages:\n  - section: 要闻\n    articles: [a.md]\n' >"$tmp/bad/edition.yaml"
printf -- '---\ntitle: 标题\n---\n正文。\n' >"$tmp/bad/a.md"
"$EPAPER" build "$tmp/bad" -o "$tmp/out" 2>"$tmp/err"
ok_if "bad date exits 2" test $? -eq 2
ok_if "bad date message is file:line:" grep -q "bad/edition.yaml:2: invalid date" "$tmp/err"
ok_if "bad source writes no output folder" test ! -e "$tmp/out"
"$EPAPER" build "$tmp/missing-dir" -o "$tmp/out" 2>"$tmp/err"
ok_if "missing edition folder exits 2" test $? -eq 2
ok_if "missing edition folder says so" grep -q "no such edition folder" "$tmp/err"
done_testing
