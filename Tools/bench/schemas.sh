#!/usr/bin/env bash
# Figures for schemas on the write path (release build, medians): one `add` of a built-in and of a team type
# on a large generated log, `schema check` and `import` of a file of drafts, and Python's jsonschema checking
# the same file's payloads for scale.
#
#   bash Tools/bench/schemas.sh [EVENTS] [DRAFTS]     # defaults: 100000 events, 10000 drafts
#
# Needs hyperfine and jq (Debian packages; installed with apt-get when missing and possible) and, for the peer,
# python3 with jsonschema (pip install jsonschema; skipped when missing).
events=${1:-100000}
drafts=${2:-10000}
source "$(dirname "$0")/common.sh"
tools=$PWD/Tools/bench
.build/release/generate-log --events "$events" --out "$work/base/.decisionlog" >/dev/null
export DECISIONLOG_ACTOR="Dana Reyes" DECISIONLOG_ROLE=CMO DECISIONLOG_IDENTITY=bench TZ=UTC
cat > "$work/pricing.json" <<'SCHEMA'
{"$id":"urn:decisionlog:type:pricing.changed:1","title":"pricing.changed v1","description":"A plan's list price changed.",
 "x-subject-kind":"plan","x-requires-reason":true,"type":"object","required":["price","currency"],"additionalProperties":false,
 "properties":{"price":{"type":"number","minimum":0},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}}}
SCHEMA
"$bin" schema add "$work/pricing.json" --log "$work/base/.decisionlog" >/dev/null
python3 "$tools/drafts.py" "$drafts" 0 --rules > "$work/valid.jsonl"
python3 "$tools/drafts.py" "$drafts" 10 --rules > "$work/mixed.jsonl"
size=$(stat -c %s "$work/base/.decisionlog/events.jsonl")

run() {  # name, runs, command, [prepare (a shell command)]; a command expected to fail ends in "|| true"
  local file="$work/$(echo "$1" | tr -c 'a-z0-9' '_').json"
  local options=(-N --warmup 1 --runs "$2" --export-json "$file" --output=null)
  [[ -n "${4:-}" ]] && options+=(--prepare "bash -c '$4'")
  [[ "$3" == *"|| true" ]] && options+=(-i)
  hyperfine "${options[@]}" "${3% || true}" >/dev/null 2>"$work/hyperfine.err" || { cat "$work/hyperfine.err" >&2; exit 1; }
  printf '| %s | %s ms |\n' "$1" "$(median "$file")"
}

echo "decisionlog schemas on a $events-event generated log ($size bytes) and $drafts drafts, $(nproc) cores, release build, medians"
echo
echo "| command | median |"
echo "|---|---|"
cp -r "$work/base" "$work/log"
export DECISIONLOG_DIR=$work/log/.decisionlog
run "add goal.set (built-in schema, tail cache)" 30 "$bin add goal.set --subject goal/bench --title Bench --timeframe 2025-Q4 --target 5 --unit count"
run "add pricing.changed (team schema read from the log)" 30 "$bin add pricing.changed --subject plan/bench --price 49 --currency EUR --reason Bench"
run "schema check, $drafts valid drafts" 10 "$bin schema check $work/valid.jsonl"
run "schema check, $drafts drafts, 1 in 10 invalid (exit 65)" 10 "$bin schema check $work/mixed.jsonl || true"
run "import, $drafts drafts (one append; the log grows by $drafts each run)" 10 "$bin import $work/valid.jsonl"
run "import, $drafts drafts into a fresh copy of the log (verified first, as after a git pull)" 10 "$bin import $work/valid.jsonl" "rm -rf $work/log && cp -r $work/base $work/log"
if python3 -c 'import jsonschema' 2>/dev/null; then
  run "python3 jsonschema: payloads of the $drafts valid drafts" 10 "python3 $tools/jsonschema-peer.py $work/valid.jsonl $work/pricing.json"
  run "python3 jsonschema: payloads of the $drafts mixed drafts" 10 "python3 $tools/jsonschema-peer.py $work/mixed.jsonl $work/pricing.json || true"
else
  echo "| python3 jsonschema | not installed (pip install jsonschema) |"
fi
