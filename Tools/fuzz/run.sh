#!/usr/bin/env bash
# Fuzzes the parsers that take outside input with libFuzzer and AddressSanitizer: the event decoder, the
# draft reader and validator, the CSV reader (and its rows' drafts), time expressions, the JSON Schema
# compiler and validator, the pattern matcher (schemas' patterns and --grep), and the web server's request parser.
#
#   bash Tools/fuzz/run.sh [RUNS] [TARGET...]
#
# RUNS (default 1,000,000) executions per target, starting from seeds: the demo log's lines, drafts from
# Tools/bench/drafts.py, the team spreadsheet fixtures' first rows, Tools/fuzz/time-expressions.txt, the
# schemas under Schemas/ and Tools/fuzz/hostile-schemas.txt (references that loop or blow up), and
# Tools/fuzz/patterns.txt (patterns that take a backtracking engine exponential time), and requests for
# every kind of page the web server serves. TARGETs default to
# all seven. Prints each target's executions, time and coverage;
# a crash, a hang (over 10 s on one input) or out-of-memory (over 2 GB) stops the run with libFuzzer's
# report, the input kept in .build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH=/opt/swift/usr/bin:$PATH
runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(event draft csv time schema pattern http)
build=.build-fuzz
mkdir -p "$build/module"

# The C kernels, and a module map so the library's `import DecisionLogKernels` finds them.
for c in Sources/DecisionLogKernels/*.c; do
  clang -O2 -c "$c" -I Sources/DecisionLogKernels/include -o "$build/$(basename "$c" .c).o"
done
cat >"$build/module/module.modulemap" <<MAP
module DecisionLogKernels {
  header "$PWD/Sources/DecisionLogKernels/include/decisionlog_kernels.h"
  export *
}
MAP
if [ ! -x "$build/fuzz" ] || [ -n "$(find Sources/DecisionLog Tools/fuzz/FuzzTargets.swift -newer "$build/fuzz" -print -quit)" ]; then
  echo "building the fuzz binary (the library with -sanitize=fuzzer,address)…" >&2
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name DecisionLogFuzz -package-name DecisionLog \
    -swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility -enable-upcoming-feature InternalImportsByDefault \
    -I "$build/module" $(find Sources/DecisionLog -name '*.swift' | sort) Tools/fuzz/FuzzTargets.swift "$build"/*.o \
    -o "$build/fuzz" 2> >(grep -v "Cannot export local symbol" >&2)
fi

# Seeds: a demo log's lines (one of them signed), drafts and schemas from the built-in scenario, and time expressions.
seeds=$build/seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{event,draft,csv,time,schema,pattern,http}
swift build --product decisionlog >/dev/null
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
.build/debug/decisionlog demo --log "$demo/.decisionlog" >/dev/null
# …and a signed one, whose signature member follows the hash.
ssh-keygen -q -t ed25519 -N '' -C '' -f "$demo/key"
DECISIONLOG_SIGNING_KEY="$demo/key" .build/debug/decisionlog add goal.set --log "$demo/.decisionlog" --subject goal/signed --title Signed \
  --timeframe 2025 --actor "Dana Reyes" --role CMO >/dev/null
split -l 1 -a 3 "$demo/.decisionlog/events.jsonl" "$seeds/event/line-"
python3 Tools/bench/drafts.py 40 >"$seeds/draft/drafts.jsonl"
split -l 1 -a 2 "$seeds/draft/drafts.jsonl" "$seeds/draft/draft-"
for fixture in Tests/DecisionLogCLITests/Fixtures/*.csv; do
  for rows in 2 8 20; do head -n "$rows" "$fixture" >"$seeds/csv/$(basename "$fixture" .csv)-$rows"; done
done
printf 'type;subject;Launch date;Why\r\nlaunch.slipped;launch/a;2025-10-06;"Pen-test; ""findings"""\r\n' >"$seeds/csv/semicolons"
n=0
for target in / /index.json "/views/launches?as-of=2025-Q2&known-at=%2326&subject=launch%2F" "/diff?from=2025-Q2&to=now" \
  /subjects/launch/atlas.json "/people/Lee%20Park?as-of=2025-08-12" /events/26 "/report?from=2025-Q2&to=2025-Q3" "/search?q=sso+pen"; do
  n=$((n + 1)); printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: text/html\r\n\r\n' "$target" >"$seeds/http/h$n"
done
printf 'POST /views/goals HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello' >"$seeds/http/post"
while IFS= read -r expression; do n=$((n + 1)); printf '%s' "$expression" >"$seeds/time/t$n"; done <Tools/fuzz/time-expressions.txt
n=0
for schema in Schemas/event.schema.json Schemas/types/*.json; do
  n=$((n + 1))
  { cat "$schema"; printf '\0'; printf '{"title":"Atlas GA","target":4.5,"timeframe":"2025-Q3","date":"2025-09-22"}'; } >"$seeds/schema/s$n"
done
while IFS= read -r schema; do
  n=$((n + 1))
  { printf '%s' "$schema"; printf '\0'; printf '{"a":[[[[1]]]],"note":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"}'; } >"$seeds/schema/s$n"
done <Tools/fuzz/hostile-schemas.txt
n=0
while IFS= read -r pattern; do
  n=$((n + 1))
  { printf '%s' "$pattern"; printf '\0'; printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa word word word.'; } >"$seeds/pattern/p$n"
done <Tools/fuzz/patterns.txt

for target in "${targets[@]}"; do
  mkdir -p "$build/corpus/$target" "$build/crashes/$target"
  start=$(date +%s%N)
  ASAN_OPTIONS=detect_leaks=0 FUZZ_TARGET=$target "$build/fuzz" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$target/" "$build/corpus/$target" "$seeds/$target" >"$build/$target.log" 2>&1 \
    || { tail -40 "$build/$target.log" >&2; echo "FAIL: the $target target found a problem; the input is in $build/crashes/$target/" >&2; exit 1; }
  seconds=$(( ($(date +%s%N) - start) / 1000000000 ))
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/$target.log" | grep -o '[0-9]*$')
  coverage=$(grep -o 'cov: [0-9]*' "$build/$target.log" | tail -1)
  echo "$target: $execs executions in ${seconds} s, no crash, no hang, no runaway memory ($coverage edges)"
done
