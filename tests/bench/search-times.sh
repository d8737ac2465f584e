# search-times.sh — sourced by the archive benchmarks.
#   search_times ARCHIVE QUERY LIMIT — runs `epaper archive search` 5 times
#   and prints one line: the results, the median of the query alone (--time:
#   the SQL query and snippets, archive open) and of the whole command
#   (process start, lock, sync check, query, output).  Needs $EPAPER, $tmp.
search_times () {
  local a=$1 q=$2 lim=$3 t0
  for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    q_ms=$("$EPAPER" -q archive search "$a" "$q" --limit "$lim" --time 2>&1 >/dev/null |
           sed -n 's/.* \([0-9]*\) results in \([0-9.]*\) ms/\2 \1/p')
    echo "$q_ms $(( ($(date +%s%N) - t0) / 1000000 ))"
  done >"$tmp/search-times"
  med () { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  echo "archive search '$q' --limit $lim: $(cut -d' ' -f2 "$tmp/search-times" | head -1) results," \
       "query $(cut -d' ' -f1 "$tmp/search-times" | med) ms," \
       "whole command $(cut -d' ' -f3 "$tmp/search-times" | med) ms (medians of 5; target < 50 ms)"
}
