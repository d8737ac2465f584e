#!/usr/bin/env bash
# test-short-copy.sh — valid editions with little copy build on every
# layout (or, where a figure alone cannot be set, fail with file:line and
# exit 2, never a crash): a figure without text or image as the whole body,
# a 23-character sole article, one short paragraph with a photo, two
# photos in a row, a long note.
set -u
. "$(dirname "$0")/tap.sh"
JPEG="$SRC/tests/editions/figures/photos/sample.jpg"
LAYOUTS="broadsheet tabloid a4 ereader"

edition () {  # edition NAME BODY: a one-article edition whose body is BODY
  mkdir -p "$tmp/$1/photos"
  cp "$JPEG" "$tmp/$1/photos/p.jpg"; cp "$JPEG" "$tmp/$1/photos/q.jpg"
  printf 'paper: 测试日报\ndate: 2024-05-20\npages:\n  - section: 要闻\n    articles: [a.md]\n' \
    >"$tmp/$1/edition.yaml"
  printf -- '---\ntitle: 短讯\n---\n%s\n' "$2" >"$tmp/$1/a.md"
}

edition figure-only '![](<>)'
for l in $LAYOUTS; do
  "$EPAPER" -q build "$tmp/figure-only" --layout "$l" --pdf --no-previews -o "$tmp/fo-$l" >"$tmp/fo-$l.log" 2>&1
  rc=$?
  ok_if "a body of one empty figure on $l: built, or refused with a.md:line (exit $rc, no crash)" \
    bash -c "test $rc -eq 0 || { test $rc -eq 2 && grep -q 'a.md:[0-9]*: ' '$tmp/fo-$l.log'; }"
done

edition short23 '市政协十届四次会议今日在吕梁隆重开幕。各位委员出席。'
edition photo-para "$(printf '本报讯 全市春耕备耕工作全面展开。\n\n![图为农民在田间劳作。](photos/p.jpg "记者 王 摄")')"
edition two-photos "$(printf '正文一段。\n\n![图一。](photos/p.jpg)\n\n![图二。](photos/q.jpg)')"
edition long-note "$(printf '> %s' "$(printf '本报将于近期推出系列报道，敬请读者关注。%.0s' $(seq 12))")"
for e in short23 photo-para two-photos long-note; do
  for l in $LAYOUTS; do
    "$EPAPER" -q build "$tmp/$e" --layout "$l" --pdf --no-previews -o "$tmp/$e-$l" >"$tmp/$e-$l.log" 2>&1
    ok_if "$e builds on $l" test $? -eq 0 -a -s "$tmp/$e-$l/edition.pdf"
  done
done
done_testing
