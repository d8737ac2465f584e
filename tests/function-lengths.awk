# function-lengths.awk — prints every C function longer than MAX lines
# (default 100) as FILE:LINE: NAME: N lines.  The sources are in GNU
# style: a function's body opens with "{" in column 0 and closes with "}"
# in column 0; its name is on the last line before that starts a word and
# holds "(".
BEGIN { if (!MAX) MAX = 100 }
FNR == 1 { start = 0; prev = "" }
/^\{/ { start = FNR; name = prev; next }
/^\}/ {
  if (start && FNR - start - 1 > MAX)
    printf "%s:%d: %s: %d lines\n", FILENAME, start, name, FNR - start - 1
  start = 0; next
}
!start && /^[a-zA-Z_].*\(/ { prev = $0 }
