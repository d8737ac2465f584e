#!/usr/bin/env bash
# test-import-cli.sh — the importer on the command line: `epaper import`
# and `epaper build PAGE.txt…` take the same options (--date, --title,
# --section), so the date warning's advice can be followed where it was
# given; bad pages get a file:line error, exit status 2 and nothing written.
set -u
. "$(dirname "$0")/tap.sh"
PAGE=$SRC/seeds/003_cb4e2b7efa63d897.txt
model_is () { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"; }

"$EPAPER" build "$PAGE" --dump-model >"$tmp/guessed.json" 2>"$tmp/guessed.err"
ok_if "build PAGE.txt without --date warns that the date was guessed" grep -q "003_cb4e2b7efa63d897.txt:1: edition date .* guessed .*(use --date)" "$tmp/guessed.err"
"$EPAPER" build "$PAGE" --date 2024-05-11 --title 测试日报 --section 综合 --dump-model >"$tmp/given.json" 2>"$tmp/given.err"
ok_if "build PAGE.txt --date: the advice followed, no date warning" bash -c "! grep -q 'use --date' '$tmp/given.err'"
ok_if "build PAGE.txt --date --title --section set the edition's date, paper and section" \
  model_is "$tmp/given.json" "d['date']=='2024-05-11' and d['paper']=='测试日报' and d['pages'][0]['section']=='综合'"
"$EPAPER" build "$PAGE" --date 2024-13-40 -o "$tmp/bad-date" 2>"$tmp/bad-date.err"
ok_if "build PAGE.txt with an invalid --date: exit 2" test $? -eq 2
ok_if "… names the date and writes nothing" bash -c "grep -q \"invalid date '2024-13-40'\" '$tmp/bad-date.err' && test ! -e '$tmp/bad-date'"
"$EPAPER" build "$SRC/tests/editions/example" --date 2024-05-11 -o "$tmp/folder" 2>"$tmp/folder.err"
ok_if "build FOLDER --date is refused (edition.yaml sets the date)" test $? -eq 2
ok_if "… and writes nothing" test ! -e "$tmp/folder"

"$EPAPER" import "$PAGE" --date 2024-05-11 --title 测试日报 --section 综合 -o "$tmp/ed" 2>"$tmp/import.err"
ok_if "import PAGE.txt --date --title --section writes the edition" \
  bash -c "grep -q 'date: \"2024-05-11\"' '$tmp/ed/edition.yaml' && grep -q 'paper: \"测试日报\"' '$tmp/ed/edition.yaml' && grep -q 'section: \"综合\"' '$tmp/ed/edition.yaml'"
"$EPAPER" build "$tmp/ed" --dump-model >"$tmp/back.json" 2>/dev/null
ok_if "the imported folder builds back to the same date, paper and section" \
  model_is "$tmp/back.json" "d['date']=='2024-05-11' and d['paper']=='测试日报' and d['pages'][0]['section']=='综合'"

for bad in "empty.txt:1: empty page" "binary.txt:1: binary data" "invalid.txt:2: invalid UTF-8"; do
  file=${bad%%:*}
  for cmd in import build; do
    "$EPAPER" $cmd "$SRC/tests/import/$file" -o "$tmp/out-$cmd-$file" 2>"$tmp/err"
    rc=$?
    ok_if "$cmd $file: exit 2 with '$bad'" bash -c "test $rc -eq 2 && grep -qF '$bad' '$tmp/err'"
    ok_if "$cmd $file: nothing written" test ! -e "$tmp/out-$cmd-$file"
  done
done
done_testing
