# tap.sh — a tiny TAP producer for the shell tests (sourced).
#   ok_if "name" command…   runs the command; ok when it exits 0
#   done_testing             prints the plan
_tap_n=0
ok_if () {
  local name=$1; shift
  _tap_n=$((_tap_n + 1))
  if "$@" >/dev/null 2>&1; then echo "ok $_tap_n - $name"
  else echo "not ok $_tap_n - $name"; fi
}
done_testing () { echo "1..$_tap_n"; }

# run_tap "name" node SCRIPT ARGS…: runs a node TAP script (a browser
# test) and prints its lines renumbered after ours, then one line of our
# own: whether it finished (exit 0, at least one ok).
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
# epubcheck_all LOG EPUB…: checks the EPUBs in one epubcheck run (one Java
# VM, tests/epubcheck-all.sh); LOG gets epubcheck's messages and a line
# "PATH: N fatals / N errors / N warnings" for each file.
epubcheck_all () {
  local log=$1; shift
  bash "$SRC/tests/epubcheck-all.sh" "$@" >"$log" 2>&1
}
# epubcheck_clean LOG EPUB: epubcheck_all found nothing wrong in EPUB.
epubcheck_clean () { grep -qxF "$2: 0 fatals / 0 errors / 0 warnings" "$1"; }

# Common set-up of every shell test: the program under test, the source
# tree and a temporary folder removed on exit.  (`make check SANITIZE=1`
# passes the LeakSanitizer suppressions, tests/lsan.supp, to every test.)
EPAPER=${EPAPER:-build/epaper}
SRC=${SRCDIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
