#!/usr/bin/env bash
# The scale benchmark: decisionlog on a generated log of N events (default 1,000,000) beside the tools a team
# would otherwise use — jq over the JSON Lines file, python3's sqlite3, and Python `eventsourcing` (installed
# with pip into a throwaway virtualenv; skipped with a note when it cannot be installed) — on the same data,
# in one run. Prints a table of medians (hyperfine), peak memory (/usr/bin/time) and ratios against the
# targets.
#
#   bash Tools/bench/scale.sh [EVENTS]
#
# Needs hyperfine, jq and bc (Debian packages; installed with apt-get when missing and possible) and python3.
events=${1:-1000000}
source "$(dirname "$0")/common.sh"
tools=$PWD/Tools/bench
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null 2>&1 || true
export DECISIONLOG_ACTOR="Dana Reyes" DECISIONLOG_ROLE=CMO DECISIONLOG_IDENTITY=bench TZ=UTC
.build/release/generate-log --events "$events" --out "$work/log/.decisionlog" >/dev/null
log=$work/log/.decisionlog
file=$log/events.jsonl
size=$(stat -c %s "$file")
python3 "$tools/drafts.py" "$events" 0 --built-in > "$work/drafts.jsonl"

time_ms() {  # name, runs, command, [prepare (a shell command)]: the median in ms, saved as $work/<name>.json
  local options=(--warmup 1 --runs "$2" --export-json "$work/$1.json" --output=null)
  if [[ -n "${4:-}" ]]; then options+=(--prepare "$4"); elif [[ "$3" != *"'"* ]]; then options+=(-N); fi
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
cold_one=$(time_ms cold-one 3 "$bin show launches")
cold_all=$(time_ms cold-all 3 "$bin diff 2025-Q2 2025-Q3")
cold_mem=$(peak_mb "$bin" diff 2025-Q2 2025-Q3)
cold_one_mem=$(peak_mb "$bin" show launches)
unset DECISIONLOG_CHECKPOINT_EVERY
jq_ms=$(time_ms jq 3 "jq -c 'select(.subject | startswith(\"launch/\"))' $file")
row "cold replay, one view (\`show launches\`, no checkpoint)" "$cold_one ms ($(rate "$events" "$cold_one") events/s), $cold_one_mem MB" \
    "jq select: $jq_ms ms ($(rate "$events" "$jq_ms") events/s)" "$(ratio "$jq_ms" "$cold_one")× jq" \
    "≤ 1000 ms, ≥ 6× jq, ≤ 200 MB: $(verdict "$cold_one <= 1000 && $jq_ms / $cold_one >= 6 && $cold_one_mem <= 200")"
row "cold replay, every view at two points (\`diff 2025-Q2 2025-Q3\`, no checkpoint)" "$cold_all ms ($(rate "$events" "$cold_all") events/s), $cold_mem MB" \
    "jq select: $jq_ms ms" "$(ratio "$jq_ms" "$cold_all")× jq" \
    "≤ 1000 ms, ≥ 6× jq, ≤ 200 MB: $(verdict "$cold_all <= 1000 && $jq_ms / $cold_all >= 6 && $cold_mem <= 200")"

# verify against sha256sum of the same file.
verify_ms=$(time_ms verify 5 "$bin verify")
verify_mem=$(peak_mb "$bin" verify)
sha_ms=$(time_ms sha256sum 5 "sha256sum $file")
row "\`verify\` (every hash, link, seq and id; canonical form)" "$verify_ms ms, $verify_mem MB" "sha256sum: $sha_ms ms" \
    "$(ratio "$verify_ms" "$sha_ms")× sha256sum" "≤ 1.5× sha256sum: $(verdict "$verify_ms <= 1.5 * $sha_ms")"

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
    "≥ 300,000 events/s and ahead of sqlite: $(verdict "$events * 1000 / $import_ms >= 300000 && $import_ms < $sqlite_insert")"

# One add on the big log: the tail cache, never a replay.
"$bin" add goal.set --subject goal/warm --title Warm --timeframe 2025-Q4 --target 1 --unit count >/dev/null
add_ms=$(time_ms add 30 "$bin add goal.set --subject goal/bench --title Bench --timeframe 2025-Q4 --target 5 --unit count")
row "one \`add\` on the $events-event log" "$add_ms ms" "" "" "≤ 10 ms: $(verdict "$add_ms <= 10")"

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
