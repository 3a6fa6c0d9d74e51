#!/usr/bin/env bash
# Figures for taking data in and giving it back (release build, hyperfine medians): a CSV export of a
# generated log of N events, importing that CSV into an empty log, and the retrospective report, beside jq
# writing CSV from the same events and sqlite3 loading the same CSV.
#
#   bash Tools/bench/team-tools.sh [EVENTS]      # EVENTS defaults to 100000
#
# Needs hyperfine, jq and sqlite3 (Debian packages; installed with apt-get when missing and possible).
events=${1:-100000}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || apt-get install -y sqlite3 >/dev/null 2>&1 || { echo "install sqlite3 first" >&2; exit 1; }
.build/release/generate-log --events "$events" --out "$work/.decisionlog" >/dev/null
export DECISIONLOG_DIR=$work/.decisionlog
"$bin" export --format csv -o "$work/all.csv" 2>/dev/null
size=$(stat -c %s "$work/.decisionlog/events.jsonl")
csv_size=$(stat -c %s "$work/all.csv")

run() {  # name, command, [prepare]
  local file="$work/$(echo "$1" | tr -c 'a-z0-9' '_').json"
  if [ -n "${3:-}" ]; then
    hyperfine -N --warmup 1 --runs 5 --prepare "$3" --export-json "$file" "$2" --output=null >/dev/null
  else
    hyperfine -N --warmup 2 --runs 10 --export-json "$file" "$2" --output=null >/dev/null
  fi
  printf '| %s | %s ms |\n' "$1" "$(median "$file")"
}

echo "$events generated events ($size bytes; as CSV $csv_size bytes), $(nproc) cores, release build, medians"
echo
echo "| command | median |"
echo "|---|---|"
run "export --format csv (every envelope member and payload field)" "$bin export --format csv -o $work/out.csv"
hyperfine --warmup 2 --runs 10 --export-json "$work/jq.json" \
  "jq -r '[.seq,.id,.type,.effectiveAt,.recordedAt,.actor.name,.actor.role,.subject,.reason] | @csv' $work/.decisionlog/events.jsonl" --output=null >/dev/null
printf '| %s | %s ms |\n' "peer: jq writing 9 envelope columns as CSV (no payload)" "$(median "$work/jq.json")"
run "export --format markdown" "$bin export --format markdown -o $work/out.md"
printf 'rm -rf %s/b && %s init --log %s/b --time-zone UTC >/dev/null\n' "$work" "$bin" "$work" >"$work/prepare.sh"
prepare="bash $work/prepare.sh"
run "import of that CSV into an empty log (validated, sealed, fsync'd, all or none)" "$bin import --log $work/b $work/all.csv" "$prepare"
hyperfine -N --warmup 1 --runs 5 --prepare "rm -f $work/peer.db" --export-json "$work/sqlite.json" \
  "sqlite3 $work/peer.db '.import --csv $work/all.csv events'" --output=null >/dev/null
printf '| %s | %s ms |\n' "peer: sqlite3 .import --csv of the same file (no checks)" "$(median "$work/sqlite.json")"
run "report --from 2024-Q2 --to 2024-Q3 (HTML)" "$bin report --from 2024-Q2 --to 2024-Q3 -o $work/r.html"
run "report --from 2024-Q2 --to 2024-Q3 --format markdown" "$bin report --from 2024-Q2 --to 2024-Q3 --format markdown -o $work/r.md"
echo
echo "report: $(stat -c %s "$work/r.html") bytes of HTML, $(grep -o 'class="mark ' "$work/r.html" | wc -l) chart marks"
