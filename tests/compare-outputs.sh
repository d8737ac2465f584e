#!/usr/bin/env bash
# compare-outputs.sh — are the outputs byte-identical to those of another
# revision?  For a change that must not alter output (a refactoring): builds
# REV in a temporary worktree, then every test edition and sample page on
# every layout with both programs (PDF, page previews, EPUB, web reader) and
# compares every file (the sample pages imported by each program).  TAP output; exit status 1 on any difference.
#   usage: bash tests/compare-outputs.sh REV      (make compare BASE=REV)
set -u
rev=${1:?usage: compare-outputs.sh REV}
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/tests/tap.sh"
new="$src/${BUILD:-build}/epaper"
git -C "$src" worktree add -q --detach "$tmp/base" "$rev" || exit 2
trap 'git -C "$src" worktree remove --force "$tmp/base"; rm -rf "$tmp"' EXIT
make -C "$tmp/base" -s -j2 build/epaper >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log"; exit 2; }
old="$tmp/base/build/epaper"

failed=0
# the test editions, and the sample pages as each program imports them
for side in old new; do
  mkdir -p "$tmp/$side-src"
  for d in "$src"/tests/editions/*/; do
    [ -f "$d/edition.yaml" ] && ln -s "$d" "$tmp/$side-src/$(basename "$d")"
  done
  for s in "$src"/seeds/*.txt; do
    n=$(basename "$s" .txt | cut -d_ -f1)
    opt=(); [ "$n" = 000 ] && opt=(--date 2025-02-19)
    prog=$old; [ $side = new ] && prog=$new
    "$prog" -q import "$s" -o "$tmp/$side-src/seed-$n" "${opt[@]}" 2>/dev/null
  done
done
for ed in "$tmp"/new-src/*; do
  ed=$(basename "$ed")
  for l in "$src"/layouts/*.yaml; do
    l=$(basename "$l" .yaml); name="$ed@$l"
    "$old" -q build "$tmp/old-src/$ed" -o "$tmp/old/$name" --layout "$l" 2>/dev/null
    "$new" -q build "$tmp/new-src/$ed" -o "$tmp/new/$name" --layout "$l" 2>/dev/null
    if diff -r "$tmp/old/$name" "$tmp/new/$name" >/dev/null 2>&1; then ok_if "$name: same files, byte for byte" true
    else ok_if "$name: same files, byte for byte" false; failed=1
      diff -rq "$tmp/old/$name" "$tmp/new/$name" 2>&1 | sed "s|$tmp/||g; s/^/# /"; fi
  done
done
done_testing
exit $failed
