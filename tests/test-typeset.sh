#!/usr/bin/env bash
# test-typeset.sh — `epaper typeset`: dump, PDF with extractable text, usage errors.
. "$SRCDIR/tests/tap.sh"
printf '近年来，市委、市政府高度重视科技成果转化工作，聚焦“985”重点产业链。\n\n从2022年起，市财政每年投入4000万元。\n' > "$tmp/in.txt"

"$EPAPER" typeset "$tmp/in.txt" --measure 10 --dump-lines > "$tmp/dump" 2>"$tmp/err"
ok_if "dump exits 0" test $? -eq 0
ok_if "first line indented 2 em (18 pt at 9 pt)" grep -q '^18.00 7.92 72.00 | ' "$tmp/dump"
# justified: every line but a paragraph's last ends at the measure (90 pt),
# in both paragraphs; at least three such lines.  Fields: x y width.
justified () {
  awk '/\|/ { if (end != "") { n++; if (end < 89.995 || end > 90.005) bad++ } end = $1 + $3; next }
       /^$/ { end = ""; paras++ }
       END  { exit !(n >= 3 && paras == 1 && bad == 0) }' "$1"
}
ok_if "justified lines end at the measure" justified "$tmp/dump"
ok_if "no line starts with a closing mark" bash -c "! grep -E '\\| [，。、”]' '$tmp/dump'"
ok_if "paragraphs separated by a blank line" test "$(grep -c '^$' "$tmp/dump")" -eq 1

"$EPAPER" typeset "$tmp/in.txt" --measure 10 --pdf "$tmp/out.pdf"
ok_if "pdf written" test -s "$tmp/out.pdf"
pdftotext "$tmp/out.pdf" - | tr -d ' \n\f' > "$tmp/text"
tr -d ' \n' < "$tmp/in.txt" > "$tmp/want"
ok_if "pdf text extracts exactly" cmp "$tmp/text" "$tmp/want"
"$EPAPER" typeset "$tmp/in.txt" --measure 10 --pdf "$tmp/out2.pdf"
ok_if "pdf is deterministic" cmp "$tmp/out.pdf" "$tmp/out2.pdf"

"$EPAPER" typeset "$tmp/in.txt" --measure 6 --size 20 --headline --vertical --dump-lines > "$tmp/v" 2>/dev/null
ok_if "vertical headline: quotes become corner brackets" grep -q '『985』' "$tmp/v"

"$EPAPER" typeset "$tmp/in.txt" > /dev/null 2>&1
ok_if "missing --measure is a usage error (2)" test $? -eq 2
"$EPAPER" typeset "$tmp/nope.txt" --measure 10 > /dev/null 2>&1
ok_if "missing file is an input error (2)" test $? -eq 2
"$EPAPER" typeset "$tmp/in.txt" --measure 10 --role nosuch > /dev/null 2>&1
ok_if "unknown role is a usage error (2)" test $? -eq 2
done_testing
