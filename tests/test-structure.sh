#!/usr/bin/env bash
# test-structure.sh — the shape of the source tree (docs/architecture.md):
# one folder per stage under builder/, stages include each other only in
# the direction the data flows (no cycle), and no stage reaches into
# another stage's private header.
set -u
. "$(dirname "$0")/tap.sh"
cd "$SRC" || exit 1

# stage → stages it includes, from #include "stage/file.h"
grep -HoE '^#include "[a-z]+/[a-z0-9-]+\.h"' builder/*/*.[ch] \
  | sed -E 's|^builder/([a-z]+)/[^:]*:#include "([a-z]+)/([a-z0-9-]+\.h)"|\1 \2 \3|' >"$tmp/incl"
awk '$1 != $2 {print $1, $2}' "$tmp/incl" | sort -u >"$tmp/edges"
ok_if "every builder file names its includes by stage folder" \
  bash -c "! grep -hE '^#include \"[a-z0-9-]+\\.h\"' builder/*/*.[ch]"
ok_if "the stage include graph has no cycle" bash -c "tsort '$tmp/edges' >/dev/null 2>'$tmp/tsort.err' && ! [ -s '$tmp/tsort.err' ]"
ok_if "no stage includes another stage's private header" \
  bash -c "! awk '\$1 != \$2 && \$3 ~ /-private\\.h\$/' '$tmp/incl' | grep -q ."

# the order data flows in (docs/architecture.md): a stage may include only
# stages before it
order="base model import typeset compose render epub web archive pipeline cli"
rank () { local i=0; for s in $order; do [ "$s" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }
bad=""
while read -r from to; do
  [ "$(rank "$to")" -lt "$(rank "$from")" ] || bad="$bad $from->$to"
done <"$tmp/edges"
ok_if "stages include only earlier stages (${bad:-none against the flow})" test -z "$bad"
ok_if "every builder folder is a known stage" \
  bash -c "for d in builder/*/; do d=\$(basename \$d); case ' $order ' in *\" \$d \"*) ;; *) exit 1;; esac; done"

# sizes (docs/architecture.md): no source file over 1,200 lines, no
# function over 100
find builder tests -name '*.[ch]' -exec wc -l {} + | awk '$2 != "total" && $1 > 1200' >"$tmp/long-files"
ok_if "no source file over 1,200 lines: $(tr -s ' \n' ' ' <"$tmp/long-files")" test ! -s "$tmp/long-files"
find builder tests -name '*.c' -print0 | sort -z | xargs -0 awk -v MAX=100 -f tests/function-lengths.awk >"$tmp/long-fns"
ok_if "no function over 100 lines: $(tr '\n' ' ' <"$tmp/long-fns")" test ! -s "$tmp/long-fns"
# the checker itself finds a long function
{ echo 'static int'; echo 'f (void)'; echo '{'; seq 101 | sed 's/^/  x;/'; echo '}'; } >"$tmp/long.c"
ok_if "the function-length check finds a 101-line function" \
  bash -c "awk -v MAX=100 -f tests/function-lengths.awk '$tmp/long.c' | grep -q ':3: f (void): 101 lines'"
done_testing
