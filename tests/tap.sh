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

# Common set-up of every shell test: the program under test, the source
# tree and a temporary folder removed on exit.  (`make check SANITIZE=1`
# passes the LeakSanitizer suppressions, tests/lsan.supp, to every test.)
EPAPER=${EPAPER:-build/epaper}
SRC=${SRCDIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
