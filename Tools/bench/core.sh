#!/usr/bin/env bash
# Figures for the core log (release build, medians): one `add`, 10,000 adds in a loop, and `log`/`verify`
# over the resulting 10,000-event log, with jq and sha256sum over the same file for scale.
#
#   bash Tools/bench/core.sh [EVENTS]      # EVENTS defaults to 10000
#
# Needs hyperfine and jq (Debian packages; installed with apt-get when missing and possible).
events=${1:-10000}
source "$(dirname "$0")/common.sh"
cd "$work"
export DECISIONLOG_ACTOR="Dana Reyes" DECISIONLOG_ROLE=CMO DECISIONLOG_IDENTITY=bench TZ=UTC
"$bin" init --time-zone UTC >/dev/null
# The metrics the loop measures, and the launch the single add moves, exist first (the log's rules).
for m in 0 1 2; do "$bin" add metric.defined --subject "metric/m$m" --name "Metric $m" --unit count --direction higher >/dev/null; done
"$bin" add launch.scheduled --subject launch/atlas --name "Atlas GA" --date 2025-09-01 >/dev/null

# 1. The loop: $events adds, one process each, as a script would run them.
start=$(date +%s.%N)
for ((i = 1; i <= events; i++)); do
  case $((i % 4)) in
    0) "$bin" add launch.scheduled --subject "launch/l$((i % 7))" --name "Launch $((i % 7))" --date 2025-10-01 --reason "Move $i" ;;
    1) "$bin" add priority.changed --subject "feature/f$((i % 50))" --framework moscow --to should ;;
    2) "$bin" add metric.recorded --subject "metric/m$((i % 3))" --value "$i.5" --date 2025-09-30 --source dashboard ;;
    3) "$bin" add goal.set --subject "goal/g$((i % 20))" --title "Goal $i" --timeframe 2025-Q3 --target "$i" --unit count ;;
  esac >/dev/null
done
end=$(date +%s.%N)
loop_seconds=$(echo "$end - $start" | bc -l)
size=$(stat -c %s .decisionlog/events.jsonl)

# 2. One add on the full log (the tail cache means it never reads the log).
hyperfine -N --warmup 5 --runs 100 --export-json add.json \
  "$bin add launch.slipped --subject launch/atlas --date 2025-09-22 --reason 'Security review'" >/dev/null
events_now=$(wc -l < .decisionlog/events.jsonl)

# 3. Reading the whole log.
hyperfine -N --warmup 3 --runs 20 --export-json log-table.json "$bin log" --output=null >/dev/null
hyperfine -N --warmup 3 --runs 20 --export-json log-jsonl.json "$bin log --format jsonl" --output=null >/dev/null
hyperfine -N --warmup 3 --runs 20 --export-json log-filter.json "$bin log --subject launch/ --since 2025-01-01" --output=null >/dev/null
hyperfine -N --warmup 3 --runs 20 --export-json verify.json "$bin verify" --output=null >/dev/null
hyperfine --warmup 3 --runs 20 --export-json jq.json "jq -c 'select(.subject | startswith(\"launch/\"))' .decisionlog/events.jsonl" --output=null >/dev/null
hyperfine -N --warmup 3 --runs 20 --export-json sha.json "sha256sum .decisionlog/events.jsonl" --output=null >/dev/null

echo "decisionlog core figures ($(nproc) cores, release build, medians)"
echo
echo "| measurement | figure |"
echo "|---|---|"
printf '| %s adds in a loop (one process each) | %.1f s total, %.2f ms per add |\n' "$events" "$loop_seconds" "$(echo "$loop_seconds * 1000 / $events" | bc -l)"
printf '| one add on a %s-event log | %s ms |\n' "$events_now" "$(median add.json)"
printf '| log (table) over %s events (%s bytes) | %s ms |\n' "$events_now" "$(wc -c < .decisionlog/events.jsonl)" "$(median log-table.json)"
printf '| log --format jsonl | %s ms |\n' "$(median log-jsonl.json)"
printf '| log --subject launch/ --since 2025-01-01 | %s ms |\n' "$(median log-filter.json)"
printf '| verify | %s ms |\n' "$(median verify.json)"
printf '| jq select(subject starts with launch/) | %s ms |\n' "$(median jq.json)"
printf '| sha256sum of the file | %s ms |\n' "$(median sha.json)"
