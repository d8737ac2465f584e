# seed000.sh — sourced by the benchmarks that build sample page 000.
#   bench_need NAME HINT TOOL… — exits (status 1) naming the first TOOL
#     missing (a program in $PATH or a path), with HINT on how to get it
#   import_seed000 DIR — imports seeds/000 into DIR, dated 2025-02-19;
#     exits on failure.  Needs $EPAPER, $SRC.
bench_need () {
  local name=$1 hint=$2 tool
  shift 2
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "$name: $tool missing ($hint)" >&2
      exit 1
    fi
  done
}

import_seed000 () {
  "$EPAPER" -q import "$SRC"/seeds/000_*.txt -o "$1" --date 2025-02-19 2>/dev/null || exit 1
}
