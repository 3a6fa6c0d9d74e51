#!/usr/bin/env bash
# The scale benchmark: decisionlog on a generated log of N events (default 1,000,000) beside the tools a team
# would otherwise use — jq over the JSON Lines file, sha256sum and openssl over its bytes, python3's sqlite3,
# and Python `eventsourcing` (installed with pip into a throwaway virtualenv; skipped with a note when it
# cannot be installed) — on the same data, in one run. Prints a table of medians (hyperfine), peak memory
# (/usr/bin/time) and ratios, each row with its target (docs/performance.md) and whether it is met.
#
#   bash Tools/bench/scale.sh [EVENTS]
#
# Needs hyperfine, jq, bc and openssl (Debian packages; installed with apt-get when missing and possible) and
# python3.
events=${1:-1000000}
source "$(dirname "$0")/common.sh"
tools=$PWD/Tools/bench
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null 2>&1 || true
command -v openssl >/dev/null || apt-get install -y openssl >/dev/null 2>&1 || true
export DECISIONLOG_ACTOR="Dana Reyes" DECISIONLOG_ROLE=CMO DECISIONLOG_IDENTITY=bench TZ=UTC
.build/release/generate-log --events "$events" --out "$work/log/.decisionlog" >/dev/null
log=$work/log/.decisionlog
file=$log/events.jsonl
size=$(stat -c %s "$file")
python3 "$tools/drafts.py" "$events" 0 --built-in > "$work/drafts.jsonl"

time_ms() {  # name, runs, command, [prepare (a shell command)]: the median in ms, saved as $work/<name>.json (a warm-up run first unless runs is 1)
  local options=(--warmup "$(( $2 > 1 ? 1 : 0 ))" --runs "$2" --export-json "$work/$1.json" --output=null)
  if [[ -n "${4:-}" ]]; then options+=(--prepare "$4"); elif [[ "$3" != *"'"* && "$3" != *'$('* ]]; then options+=(-N); fi
  hyperfine "${options[@]}" "$3" >/dev/null 2>"$work/hyperfine.err" || { cat "$work/hyperfine.err" >&2; exit 1; }
  median "$work/$1.json"
}
peak_mb() {  # command...: its peak resident memory in MB
  /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'
}
rate() { printf "%d" "$(echo "scale=6; $1 / ($2 / 1000)" | bc | cut -d. -f1)"; }   # events, ms → events/s
ratio() { echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; }
verdict() { [[ $(echo "scale=6; $1" | bc) == 1 ]] && echo "met" || echo "**not met**"; }
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 |"); }

# Cold replay: no checkpoint is read or written.
export DECISIONLOG_DIR=$log
export DECISIONLOG_CHECKPOINT_EVERY=0
cold_one=$(time_ms cold-one 5 "$bin show launches")
cold_all=$(time_ms cold-all 3 "$bin diff 2025-Q2 2025-Q3")
cold_mem=$(peak_mb "$bin" diff 2025-Q2 2025-Q3)
cold_one_mem=$(peak_mb "$bin" show launches)
unset DECISIONLOG_CHECKPOINT_EVERY
jq_ms=$(time_ms jq 3 "jq -c 'select(.subject | startswith(\"launch/\"))' $file")
row "cold replay, one view (\`show launches\`, no checkpoint)" "$cold_one ms ($(rate "$events" "$cold_one") events/s), $cold_one_mem MB" \
    "jq select: $jq_ms ms ($(rate "$events" "$jq_ms") events/s)" "$(ratio "$jq_ms" "$cold_one")× jq" \
    "≤ 350 ms, ≥ 15× jq, ≤ 200 MB: $(verdict "$cold_one <= 350 && $jq_ms / $cold_one >= 15 && $cold_one_mem <= 200")"
row "cold replay, every view at two points (\`diff 2025-Q2 2025-Q3\`, no checkpoint)" "$cold_all ms ($(rate "$events" "$cold_all") events/s), $cold_mem MB" \
    "jq select: $jq_ms ms" "$(ratio "$jq_ms" "$cold_all")× jq" \
    "≤ 600 ms, ≥ 10× jq, ≤ 200 MB: $(verdict "$cold_all <= 600 && $jq_ms / $cold_all >= 10 && $cold_mem <= 200")"

# verify against sha256sum of the same file, and openssl's SHA-256 on one core.
verify_ms=$(time_ms verify 5 "$bin verify")
verify_mem=$(peak_mb "$bin" verify)
sha_ms=$(time_ms sha256sum 5 "sha256sum $file")
openssl_ms=$(time_ms openssl 5 "taskset -c 0 openssl dgst -sha256 $file")
row "\`verify\` (every hash, link, seq and id; canonical form)" "$verify_ms ms, $verify_mem MB" "sha256sum: $sha_ms ms; openssl dgst -sha256 on one core: $openssl_ms ms" \
    "$(ratio "$verify_ms" "$sha_ms")× sha256sum, $(ratio "$verify_ms" "$openssl_ms")× openssl" \
    "≤ 0.5× sha256sum, ≤ 1.6× openssl: $(verdict "$verify_ms <= 0.5 * $sha_ms && $verify_ms <= 1.6 * $openssl_ms")"

# Checkpoints: written once, then every query starts from them.
rebuild_ms=$(time_ms rebuild 3 "$bin checkpoint --rebuild")
row "\`checkpoint --rebuild\` (replay every view, write its checkpoint)" "$rebuild_ms ms" "" "" "(no target)"
for view in goals kpis priorities launches owners decisions; do
  ms=$(time_ms "show-$view" 10 "$bin show $view")
  lines=$("$bin" show "$view" | wc -l)
  row "\`show $view\` from its checkpoint ($((lines - 3)) rows)" "$ms ms" "" "" "≤ 100 ms: $(verdict "$ms <= 100")"
done
ms=$(time_ms diff 5 "$bin diff 2025-Q2 2025-Q3")
row "\`diff 2025-Q2 2025-Q3\` from checkpoints (every view)" "$ms ms" "" "" "≤ 100 ms: $(verdict "$ms <= 100")"
ms=$(time_ms diff-launches 10 "$bin diff 2025-Q2 2025-Q3 --view launches")
row "\`diff 2025-Q2 2025-Q3 --view launches\` from its checkpoint" "$ms ms" "" "" "≤ 100 ms: $(verdict "$ms <= 100")"

# CSV export against jq writing the same columns: the export's own header names them.
"$bin" export --format csv -o "$work/all.csv" 2>/dev/null
columns=$(head -1 "$work/all.csv" | cut -d, -f13- | sed 's/,prev,hash$//')
program='[.seq,.id,.type,.schemaVersion,.effectiveAt,.recordedAt,.actor.name,.actor.role,.recordedBy,.subject,(.reason // ""),((.links // []) | join("; "))'
for column in ${columns//,/ }; do
  program+=",(.payload.$column | if type == \"array\" then join(\"; \") elif type == \"object\" then tojson else . end)"
done
program+=',.prev,.hash] | @csv'
echo "$program" >"$work/columns.jq"
export_ms=$(time_ms export-csv 3 "$bin export --format csv -o $work/out.csv")
export_mem=$(peak_mb "$bin" export --format csv -o "$work/out.csv")
jq_csv_ms=$(time_ms jq-csv 1 "jq -r -f $work/columns.jq $file")
row "\`export --format csv\` (every envelope member and payload field, $(head -1 "$work/all.csv" | tr ',' '\n' | wc -l) columns)" "$export_ms ms, $export_mem MB" \
    "jq writing the same columns: $jq_csv_ms ms" "$(ratio "$jq_csv_ms" "$export_ms")× faster than jq" "≥ 2× faster than jq: $(verdict "$jq_csv_ms / $export_ms >= 2")"

# SQLite: the log's events in a table, the latest of every subject.
sqlite_latest_insert=$(time_ms sqlite-load 1 "python3 $tools/sqlite-peer.py insert $file $work/events.db" "rm -f $work/events.db")
sqlite_latest=$(time_ms sqlite-latest 3 "python3 $tools/sqlite-peer.py latest $work/events.db")
row "peer: python3 sqlite3, latest event of every subject (GROUP BY)" "" "$sqlite_latest ms (loading the table: $sqlite_latest_insert ms)" "" ""

# import of N drafts into an empty log, against one executemany of the same file.
fresh="rm -rf $work/import && $bin init --log $work/import/.decisionlog"
import_ms=$(time_ms import 3 "$bin import $work/drafts.jsonl --log $work/import/.decisionlog" "$fresh")
eval "$fresh" >/dev/null
import_mem=$(peak_mb "$bin" import "$work/drafts.jsonl" --log "$work/import/.decisionlog")
sqlite_insert=$(time_ms sqlite-insert 3 "python3 $tools/sqlite-peer.py insert $work/drafts.jsonl $work/drafts.db" "rm -f $work/drafts.db")
row "\`import\` of $events drafts (validated, sealed, fsync'd, all or none)" "$import_ms ms ($(rate "$events" "$import_ms") events/s), $import_mem MB" \
    "sqlite3 executemany: $sqlite_insert ms ($(rate "$events" "$sqlite_insert") rows/s)" "$(ratio "$sqlite_insert" "$import_ms")× sqlite" \
    "≥ 500,000 events/s, ahead of sqlite, ≤ 200 MB: $(verdict "$events * 1000 / $import_ms >= 500000 && $import_ms < $sqlite_insert && $import_mem <= 200")"

# CSV import: the imported log as a spreadsheet, into an empty log.
"$bin" export --format csv --log "$work/import/.decisionlog" -o "$work/import.csv" 2>/dev/null
fresh_csv="rm -rf $work/csv && $bin init --log $work/csv/.decisionlog"
csv_ms=$(time_ms import-csv 1 "$bin import $work/import.csv --log $work/csv/.decisionlog" "$fresh_csv")
eval "$fresh_csv" >/dev/null
csv_mem=$(peak_mb "$bin" import "$work/import.csv" --log "$work/csv/.decisionlog")
row "\`import\` of that log's $events rows as CSV" "$csv_ms ms ($(rate "$events" "$csv_ms") rows/s), $csv_mem MB" "" "" \
    "≥ 300,000 rows/s, ≤ 200 MB: $(verdict "$events * 1000 / $csv_ms >= 300000 && $csv_mem <= 200")"

# One add on the big log: the tail cache, never a replay; with --id, the id index, never a scan.
"$bin" add goal.set --subject goal/warm --title Warm --timeframe 2025-Q4 --target 1 --unit count >/dev/null
add_ms=$(time_ms add 30 "$bin add goal.set --subject goal/bench --title Bench --timeframe 2025-Q4 --target 5 --unit count")
row "one \`add\` on the $events-event log" "$add_ms ms" "" "" "≤ 5 ms: $(verdict "$add_ms <= 5")"
# The first add naming an id reads the whole log and leaves the id index; the retries after it look the id up.
retry="$bin add goal.set --subject goal/retry --title Retry --timeframe 2025-Q4 --target 5 --unit count --id 0190f3a0-0000-7000-8000-00000000beef"
index_ms=$(time_ms add-id-first 1 "$retry")
add_id_ms=$(time_ms add-id 30 "$retry")
row "one \`add --id …\` on the $events-event log: a retry, found through the id index" "$add_id_ms ms (the first, which reads the log and writes the index: $index_ms ms)" "" "" \
    "≤ 5 ms, no read of the whole log: $(verdict "$add_id_ms <= 5")"

# Python eventsourcing, in a throwaway virtualenv.
es_count=$(( events < 100000 ? events : 100000 ))
if python3 -m venv "$work/venv" >/dev/null 2>&1 && "$work/venv/bin/pip" install -q eventsourcing >/dev/null 2>&1; then
  es=$("$work/venv/bin/python" "$tools/eventsourcing-peer.py" "$file" "$es_count")
  es_version=$("$work/venv/bin/python" -c 'import importlib.metadata as m; print(m.version("eventsourcing"))')
  row "peer: Python eventsourcing $es_version in memory, first $es_count events" "" "$(echo "$es" | paste -sd ';' | sed 's/;/; /')" "" ""
else
  row "peer: Python eventsourcing" "" "skipped: pip could not install it here" "" ""
fi

echo "decisionlog at scale: $events generated events ($size bytes), $(nproc) cores, release build, hyperfine medians"
echo
echo "| measurement | decisionlog | peer | ratio | target |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
