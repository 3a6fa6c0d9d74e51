#!/usr/bin/env bash
# Figures for the views (release build, medians): `show <view>` and `diff` on a generated log of N events,
# with jq reading the same file for scale.
#
#   bash Tools/bench/views.sh [EVENTS]      # EVENTS defaults to 100000
#
# Needs hyperfine and jq (Debian packages; installed with apt-get when missing and possible).
events=${1:-100000}
source "$(dirname "$0")/common.sh"
.build/release/generate-log --events "$events" --out "$work/.decisionlog" >/dev/null
export DECISIONLOG_DIR=$work/.decisionlog
size=$(stat -c %s "$work/.decisionlog/events.jsonl")

run() {  # name, command
  local file="$work/$(echo "$1" | tr -c 'a-z0-9' '_').json"
  hyperfine -N --warmup 2 --runs 10 --export-json "$file" "$2" --output=null >/dev/null
  printf '| %s | %s ms |\n' "$1" "$(median "$file")"
}

echo "decisionlog views on $events generated events ($size bytes), $(nproc) cores, release build, medians of 10"
echo
echo "| command | median |"
echo "|---|---|"
for view in goals kpis priorities launches owners decisions; do run "show $view" "$bin show $view"; done
run "show launches --as-of 2020-Q2 --known-at 2021-01-01" "$bin show launches --as-of 2020-Q2 --known-at 2021-01-01"
run "diff 2024-Q2 2024-Q3 (all views)" "$bin diff 2024-Q2 2024-Q3"
run "diff 2024-Q2 2024-Q3 --view launches" "$bin diff 2024-Q2 2024-Q3 --view launches"
run "history launch/l7" "$bin history launch/l7"
run "blame launches" "$bin blame launches"
run "show timeline (every event)" "$bin show timeline"
hyperfine --warmup 2 --runs 10 --export-json "$work/jq.json" "jq -c 'select(.subject | startswith(\"launch/\"))' $work/.decisionlog/events.jsonl" --output=null >/dev/null
printf '| %s | %s ms |\n' "jq: select launch events (reads the file once)" "$(median "$work/jq.json")"
