#!/usr/bin/env bash
# The web benchmark: wrk on loopback against `decisionlog serve` — the dashboard and a view page — on the demo
# log and on a generated log of N events (default 1,000,000) with checkpoints, at 1, 8 and 64 connections,
# beside `python3 -m http.server` serving the same view page saved as a static file (the ceiling for a
# trivial server on this machine). Pages are made once per log head and then served from the cache, so a
# third column asks for a different moment on every request (as-of=#seq, random), which makes every page anew.
# Then a 60-second run of such requests with the server's resident memory sampled every 10 seconds.
#
#   bash Tools/bench/serve.sh [EVENTS] [SECONDS_PER_RUN]
#
# Needs wrk, hyperfine, jq and bc (Debian packages; installed with apt-get when missing and possible).
events=${1:-1000000}
seconds=${2:-10}
source "$(dirname "$0")/common.sh"
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null 2>&1 || { echo "install wrk first" >&2; exit 1; }
export DECISIONLOG_ACTOR="Dana Reyes" DECISIONLOG_ROLE=CMO DECISIONLOG_IDENTITY=bench TZ=UTC
port=$((20000 + RANDOM % 20000))
server=""
stop() { if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; server=""; }
trap 'stop; rm -rf "$work"' EXIT

# wrk's Lua: report requests/s, p50 and p99 in ms, and errors; `random` asks for as-of=#<random seq ≤ $LAST>.
cat > "$work/report.lua" <<'LUA'
local last = tonumber(os.getenv("LAST") or "0")
local path = os.getenv("PAGE") or "/"
request = function()
  if last > 0 then return wrk.format("GET", path .. "?as-of=%23" .. math.random(1, last)) end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("%.0f %.1f %.1f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
LUA
bench() {  # url, connections, [last seq for random moments]: "requests/s p50 p99 errors"
  LAST=${3:-0} PAGE=$(sed -E 's|^http://[^/]+||' <<<"$1") wrk -t "$(( $2 < 2 ? 1 : 2 ))" -c "$2" -d "${seconds}s" -s "$work/report.lua" \
    "$(sed -E 's|^(http://[^/]+).*|\1|' <<<"$1")" | tail -1
}
cell() { read -r rps p50 p99 errors <<<"$1"; echo "$rps req/s, p99 $p99 ms$([[ $errors != 0 ]] && echo ", $errors errors")"; }
serve() {  # log folder: starts the server on $port and waits until it answers
  "$bin" serve --log "$1" --port "$port" --quiet 2>/dev/null & server=$!
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/assets/icon.svg" && return; sleep 0.1; done
  echo "the server did not start" >&2; exit 1
}
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }

echo "# decisionlog serve under wrk ($(nproc) cores, ${seconds} s a run; $(date -u +%Y-%m-%d))"
echo
"$bin" demo --log "$work/demo" >/dev/null
.build/release/generate-log --events "$events" --out "$work/big" >/dev/null
"$bin" checkpoint --rebuild --log "$work/big" >/dev/null
demo_last=$("$bin" head --log "$work/demo" | cut -d: -f1)
big_last=$("$bin" head --log "$work/big" | cut -d: -f1)

# The ceiling: the demo's view page as a static file behind python3's http.server.
serve "$work/demo"
mkdir -p "$work/static/views"
curl -sf "http://127.0.0.1:$port/views/launches" > "$work/static/views/launches.html"
stop
(cd "$work/static" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) & server=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/views/launches.html" && break; sleep 0.1; done
declare -A ceiling
for c in 1 8 64; do ceiling[$c]=$(bench "http://127.0.0.1:$port/views/launches.html" "$c"); done
stop

echo "| log | connections | static file (python3 -m http.server) | dashboard | view page (/views/launches) | view at a random moment (uncached) |"
echo "|---|---|---|---|---|---|"
declare -A view
for log in demo big; do
  folder=$work/$log; last=$([[ $log == demo ]] && echo "$demo_last" || echo "$big_last")
  serve "$folder"
  curl -sf -o /dev/null "http://127.0.0.1:$port/"; curl -sf -o /dev/null "http://127.0.0.1:$port/views/launches"
  for c in 1 8 64; do
    dash=$(bench "http://127.0.0.1:$port/" "$c")
    view[$log$c]=$(bench "http://127.0.0.1:$port/views/launches" "$c")
    fresh=$(bench "http://127.0.0.1:$port/views/launches" "$c" "$last")
    name=$([[ $log == demo ]] && echo "demo ($demo_last events)" || echo "generated ($big_last events, checkpoints)")
    echo "| $name | $c | $([[ $log == demo ]] && cell "${ceiling[$c]}" || echo "") | $(cell "$dash") | $(cell "${view[$log$c]}") | $(cell "$fresh") |"
    [[ $log == big && $c == 8 ]] && big_fresh8=$fresh && big_dash8=$dash
  done
  [[ $log == big ]] || stop
done

# Memory over a minute of pages made anew (the cache holds at most 64 MiB of them).
echo
samples=("$(rss_mb)")
LAST=$big_last PAGE=/views/launches wrk -t 2 -c 8 -d 60s -s "$work/report.lua" "http://127.0.0.1:$port" > "$work/minute.txt" &
load=$!
for _ in 1 2 3 4 5 6; do sleep 10; samples+=("$(rss_mb)"); done
wait "$load"
stop
echo "Resident memory of the server on the generated log, at the start and every 10 s of 60 s at 8 connections (random moments): ${samples[*]} MB; that minute: $(cell "$(tail -1 "$work/minute.txt")")."

echo
read -r static8 _ _ _ <<<"${ceiling[8]}"; read -r view8 _ _ _ <<<"${view[demo8]}"
read -r _ _ p99 _ <<<"${view[big8]}"; read -r _ _ fresh99 _ <<<"$big_fresh8"; read -r _ _ dash99 _ <<<"$big_dash8"
verdict() { [[ $(echo "scale=6; $1" | bc) == 1 ]] && echo "met" || echo "**not met**"; }
echo "- view page on the demo log at 8 connections: $view8 req/s = $(echo "scale=2; $view8 / $static8" | bc)× the static ceiling ($static8 req/s); target ≥ 0.5×: $(verdict "$view8 >= 0.5 * $static8")"
echo "- p99 on the generated log at 8 connections: dashboard $dash99 ms, view page $p99 ms; target ≤ 200 ms: $(verdict "$p99 <= 200 && $dash99 <= 200")"
echo "  (a view at a random past moment, made anew each time by replaying the log up to it: p99 $fresh99 ms — not a target here; see the replay targets of Tools/bench/scale.sh)"
first=${samples[1]}; lastmb=${samples[-1]}
echo "- memory from 10 s to 60 s: $first → $lastmb MB; target flat (within 10% + the 64 MiB cache bound): $(verdict "$lastmb <= $first * 1.1 + 64")"
