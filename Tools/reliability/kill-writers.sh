#!/usr/bin/env bash
# Kills writers with SIGKILL at random moments and proves that no acknowledged event is lost.
#
#   bash Tools/reliability/kill-writers.sh [ROUNDS] [DECISIONLOG]
#
# Each round starts one writer — three rounds in four a single `decisionlog add`, the fourth an `import` of
# 10,000 drafts — waits a random time within what such a write takes, and kills it with SIGKILL. After every
# kill: `log` must still read the log (skipping what the kill left, with a warning); `verify` must pass, or
# fail only with an interrupted append or an incomplete last line, which `repair` must remove; an import
# must have left all of its events or none. At the end every write that reported success must be in the log,
# exactly once. ROUNDS defaults to 460 (over 200 kills); DECISIONLOG to the release build (built when missing). Kill times
# adapt to how long the writes take here, so that many kills land while the events are being written.
rounds=${1:-460}
bin=${2:-}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh" "Kill Harness"
acked=$work/acked
: >"$acked"
round=0
fail() { echo "FAIL (round $round): $*" >&2; exit 1; }
# Every event a round writes has a subject of its own, so the subjects say which writes are in the log.
subjects_in_log() { lines | grep -o '"subject":"[^"]*"' | cut -d'"' -f4 || true; }

drafts() { # FILE ROUND: 10,000 priority drafts, one subject each
  seq 1 10000 | awk -v r="$2" '{ printf "{\"type\":\"priority.changed\",\"subject\":\"feature/r%d-%d\",\"payload\":{\"framework\":\"rank\",\"to\":%d}}\n", r, $1, $1 }' >"$1"
}

# How long each kind of write takes here, so kills land before, during and after the write.
start=$(date +%s%N)
for i in 1 2 3; do "$bin" add goal.set --subject "goal/warm-up-$i" --title "Warm-up $i" --timeframe 2025-Q3 >/dev/null; done
add_us=$(( ($(date +%s%N) - start) / 3000 ))
drafts "$work/drafts.jsonl" 0
start=$(date +%s%N)
"$bin" import "$work/drafts.jsonl" >/dev/null
import_us=$(( ($(date +%s%N) - start) / 1000 ))

echo "one add: ${add_us} µs, one import of 10,000: ${import_us} µs" >&2
killed=0 acknowledged=0 clean=0 interrupted=0 incomplete=0 imports_whole=0 imports_none=0
for round in $(seq 1 "$rounds"); do
  if (( round % 4 == 0 )); then
    kind=import
    drafts=$work/drafts.jsonl
    drafts "$drafts" "$round"
    cut -d'"' -f8 "$drafts" >"$work/batch"
    budget=import_us
    "$bin" import "$drafts" >/dev/null 2>&1 &
  else
    kind=add
    echo "launch/r$round" >"$work/batch"
    budget=add_us
    "$bin" add launch.scheduled --subject "launch/r$round" --name "Round $round" --date "2026-0$(( round % 9 + 1 ))-15" --reason "round $round" >/dev/null 2>&1 &
  fi
  pid=$!
  # Every other round aims at the end of the run, where the write and the sync are. The estimate of how long a
  # run takes moves towards the time at which half the runs are killed: that is where the end is.
  estimate=${!budget}
  random=$(( RANDOM * 32768 + RANDOM ))
  if (( round % 2 )); then delay=$(( random % (estimate * 6 / 5) )); else delay=$(( estimate * 17 / 20 + random % (estimate * 3 / 10) )); fi
  sleep "$(printf '%d.%06d' $(( delay / 1000000 )) $(( delay % 1000000 )))"
  kill -KILL "$pid" 2>/dev/null || true
  status=0
  { wait "$pid"; } 2>/dev/null || status=$?
  if (( status == 0 )); then
    (( delay < estimate )) && printf -v "$budget" '%d' $(( estimate * 7 / 8 ))
    acknowledged=$(( acknowledged + 1 ))
    cat "$work/batch" >>"$acked"
    continue
  fi
  (( status == 137 )) || fail "the $kind exited with status $status, not by the kill"
  killed=$(( killed + 1 ))
  (( delay > estimate * 3 / 4 )) && printf -v "$budget" '%d' $(( estimate * 9 / 8 ))
  "$bin" log --limit 1 >/dev/null 2>"$work/log.err" || fail "log failed after a kill: $(cat "$work/log.err")"
  if "$bin" verify >/dev/null 2>"$work/verify.err"; then
    clean=$(( clean + 1 ))
  else
    if grep -q "interrupted before it was acknowledged" "$work/verify.err"; then interrupted=$(( interrupted + 1 ))
    elif grep -q "incomplete line" "$work/verify.err"; then incomplete=$(( incomplete + 1 ))
    else fail "verify found damage a kill cannot cause: $(cat "$work/verify.err")"; fi
    grep -q "skipped the end of the log" "$work/log.err" || fail "log did not warn about what the kill left"
    "$bin" repair >/dev/null 2>"$work/repair.err" || fail "repair failed: $(cat "$work/repair.err")"
    "$bin" verify >/dev/null 2>"$work/verify.err" || fail "the log does not verify after repair: $(cat "$work/verify.err")"
  fi
  if [ "$kind" = import ]; then
    present=$(subjects_in_log | grep -cFxf "$work/batch" || true)
    if (( present == 10000 )); then imports_whole=$(( imports_whole + 1 ))
    elif (( present == 0 )); then imports_none=$(( imports_none + 1 ))
    else fail "a killed import left $present of its 10,000 events"; fi
  fi
done

"$bin" verify >/dev/null || fail "the log does not verify at the end"
subjects_in_log | sort >"$work/present"
missing=$(sort "$acked" | comm -23 - "$work/present" | wc -l)
(( missing == 0 )) || fail "$missing acknowledged events are missing"
duplicates=$(uniq -d "$work/present" | wc -l)
(( duplicates == 0 )) || fail "$duplicates events appear twice"
events=$(lines | wc -l)
echo "rounds $rounds: $killed killed ($clean left a log that verifies, $interrupted an interrupted append, $incomplete an incomplete line; every one repaired)," \
  "$acknowledged finished first; killed imports: $imports_whole whole, $imports_none none, 0 partial;" \
  "$(wc -l <"$acked") acknowledged events all present once among $events. OK"
