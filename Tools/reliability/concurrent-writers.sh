#!/usr/bin/env bash
# Many processes append at once while others read: seq must stay gapless, the chain valid, every append
# present, and every read must see a valid prefix of the log.
#
#   bash Tools/reliability/concurrent-writers.sh [WRITERS] [APPENDS_EACH] [DECISIONLOG]
#
# WRITERS processes (default 8) each run APPENDS_EACH `decisionlog add` (default 250) as fast as they can,
# while two readers loop over `verify` and `show priorities` until the writers are done; every read must
# succeed. DECISIONLOG defaults to the release build (built when missing).
writers=${1:-8}
each=${2:-250}
bin=${3:-}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh" "Concurrency Harness"

start=$(date +%s%N)
for w in $(seq 1 "$writers"); do
  (
    for i in $(seq 1 "$each"); do
      "$bin" add priority.changed --subject "feature/w$w-$i" --framework rank --to "$i" --reason "writer $w" >/dev/null \
        || { echo "writer $w, append $i failed" >>"$work/failures"; exit 1; }
    done
  ) &
done
reader() { # NAME COMMAND...: runs the read until the writers are done; counts the reads, records failures
  local name=$1 reads=0
  shift
  while [ ! -e "$work/done" ]; do
    "$@" >/dev/null 2>"$work/$name.err" || { echo "$name failed during the writes: $(cat "$work/$name.err")" >>"$work/failures"; break; }
    reads=$(( reads + 1 ))
  done
  echo "$reads" >"$work/$name.count"
}
reader verify "$bin" verify &
verifier=$!
reader show "$bin" show priorities &
shower=$!
for job in $(jobs -p); do
  if [ "$job" != "$verifier" ] && [ "$job" != "$shower" ]; then wait "$job" || true; fi
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
touch "$work/done"
wait "$verifier" "$shower"
[ ! -e "$work/failures" ] || fail "$(cat "$work/failures")"

total=$(( writers * each ))
out=$("$bin" verify) || fail "the log does not verify"
[[ "$out" == "Verified $total events: seq 1–$total without gaps"* ]] || fail "expected $total events: $out"
for w in $(seq 1 "$writers"); do
  got=$(lines | grep -c "\"reason\":\"writer $w\"" || true)
  (( got == each )) || fail "writer $w has $got events, not $each"
done
echo "$writers writers × $each appends: $total events, seq 1–$total gapless, chain valid, in ${elapsed_ms} ms" \
  "($(( total * 1000 / (elapsed_ms > 0 ? elapsed_ms : 1) )) appends/s); $(cat "$work/verify.count") verifies and" \
  "$(cat "$work/show.count") shows during the writes, each on a valid prefix. OK"
