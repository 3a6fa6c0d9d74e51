#!/usr/bin/env bash
# The PostgreSQL store's benchmark, against one throwaway server (Tools/postgres/start.sh: a Unix socket, no
# TCP) in one run:
# - appends/s and p50/p99 latency with 1, 8 and 32 concurrent writers: each `decisionlog add` a process of its
#   own, and the same appends from threads of one process (append-loop); beside pgbench running a single-row
#   INSERT transaction of the same row shape into a table with the same keys (the ceiling);
# - `import` of DRAFTS priority moves (default 1,000,000) into an empty log, beside psql's \copy of the same rows
#   (binary) into a plain table of the same columns;
# - `pull` of that log into a new mirror.
#
#   bash Tools/bench/postgres.sh [DRAFTS] [SECONDS_PER_PGBENCH_RUN]
#
# Needs Debian's postgresql (server, psql, pgbench), hyperfine, jq and bc.
drafts=${1:-1000000}
seconds=${2:-10}
source "$(dirname "$0")/common.sh"
loop=$PWD/.build/release/append-loop
pg=$(mktemp -d)
url=$(bash Tools/postgres/start.sh "$pg")
trap 'bash Tools/postgres/stop.sh "$pg" fast || true; rm -rf "$pg" "$work"' EXIT
export DECISIONLOG_ACTOR="Dana Reyes" DECISIONLOG_ROLE=CMO DECISIONLOG_IDENTITY=bench TZ=UTC
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 "${2:-$url}" -c "$1"; }
database() { sql "CREATE DATABASE $1"; echo "${url/@\/postgres?/@/$1?}"; }
now_ns() { date +%s%N; }
percent() { printf '%.1f%%' "$(bc -l <<<"$1 * 100 / $(( $2 > 0 ? $2 : 1 ))")"; }
stats() { # FILE of latencies in µs, elapsed ms, count: "appends/s p50 p99" (ms)
  sort -n "$1" >"$1.sorted"
  local n p50 p99
  n=$(wc -l <"$1.sorted")
  p50=$(sed -n "$(( n / 2 + 1 ))p" "$1.sorted")
  p99=$(sed -n "$(( n * 99 / 100 + 1 ))p" "$1.sorted")
  echo "$(( $3 * 1000 / ($2 > 0 ? $2 : 1) )) $(bc <<<"scale=1; $p50 / 1000") $(bc <<<"scale=1; $p99 / 1000")"
}

echo "PostgreSQL $(sql 'SHOW server_version'), $(nproc) cores; pgbench runs ${seconds} s each"
echo
echo "| writers | decisionlog add, a process each | in one process (append-loop) | pgbench single-row INSERT | add ÷ pgbench |"
echo "|---|---|---|---|---|"
for writers in 1 8 32; do
  each=$(( writers == 1 ? 200 : (writers == 8 ? 50 : 15) ))
  # decisionlog add, a process per append, W at once.
  db=$(database "procs_$writers")
  folder=$work/procs-$writers
  "$bin" init --store "$db" --log "$folder" >/dev/null
  start=$(now_ns)
  for w in $(seq 1 "$writers"); do
    (
      for i in $(seq 1 "$each"); do
        t0=$(now_ns)
        "$bin" add priority.changed --log "$folder" --subject "feature/w$w-$i" --framework rank --to "$i" >/dev/null
        echo $(( ($(now_ns) - t0) / 1000 ))
      done >"$work/lat-$writers-$w"
    ) &
  done
  wait
  elapsed=$(( ($(now_ns) - start) / 1000000 ))
  cat "$work"/lat-"$writers"-* >"$work/lat-$writers"
  read -r add_rate add_p50 add_p99 <<<"$(stats "$work/lat-$writers" "$elapsed" $(( writers * each )))"
  "$bin" verify --log "$folder" >/dev/null
  # The same appends from W threads of one process.
  db=$(database "loop_$writers")
  "$bin" init --store "$db" --log "$work/loop-$writers" >/dev/null
  read -r loop_rate loop_p50 loop_p99 <<<"$("$loop" --log "$work/loop-$writers" --writers "$writers" --appends $(( each * 4 )))"
  "$bin" verify --log "$work/loop-$writers" >/dev/null
  # pgbench: one INSERT of a row of the same shape (a ~500-byte line) per transaction, into a table with the
  # same primary key and unique id.
  db=$(database "pgbench_$writers")
  sql "CREATE TABLE events (log_id text NOT NULL, seq bigint NOT NULL, id text NOT NULL, subject text NOT NULL, byte_offset bigint NOT NULL,
         line bytea NOT NULL, PRIMARY KEY (log_id, seq), UNIQUE (log_id, id)); CREATE SEQUENCE seqs" "$db"
  cat >"$work/insert.sql" <<'SQL'
INSERT INTO events VALUES ('bench', nextval('seqs'), gen_random_uuid()::text, 'feature/f' || (random() * 1000)::int, 0, convert_to(repeat('x', 480), 'UTF8'));
SQL
  rm -f "$work"/pgbench_log.*
  (cd "$work" && pgbench -n -M prepared -c "$writers" -j "$(( writers < 2 ? 1 : 2 ))" -T "$seconds" -f insert.sql -l --log-prefix=pgbench_log "$db" >"$work/pgbench.out" 2>&1)
  pg_rate=$(grep -oP 'tps = \K[0-9.]+' "$work/pgbench.out" | head -1 | cut -d. -f1)
  cat "$work"/pgbench_log.* | awk '{ print $3 }' >"$work/pglat"
  read -r _ pg_p50 pg_p99 <<<"$(stats "$work/pglat" 1000 1)"
  pg_p50=$(printf '%.1f' "$pg_p50"); pg_p99=$(printf '%.1f' "$pg_p99")
  echo "| $writers | $add_rate/s, p50 $add_p50 ms, p99 $add_p99 ms | $loop_rate/s, p50 $loop_p50 ms, p99 $loop_p99 ms | $pg_rate/s, p50 $pg_p50 ms, p99 $pg_p99 ms | $(percent "$add_rate" "$pg_rate") (in one process $(percent "$loop_rate" "$pg_rate")) |"
done

echo
db=$(database "import_bench")
"$bin" init --store "$db" --log "$work/import" >/dev/null
# Priority moves across 5,000 features: every draft keeps the domain rules in an empty log.
seq 1 "$drafts" | awk '{ printf "{\"type\":\"priority.changed\",\"subject\":\"feature/f%d\",\"reason\":\"Reprioritised at the weekly sync\",\"payload\":{\"framework\":\"rank\",\"to\":%d,\"scope\":\"release %d\"}}\n", $1 % 5000, $1 % 20 + 1, $1 % 30 }' >"$work/drafts.jsonl"
/usr/bin/time -f "%e %M" -o "$work/import.time" "$bin" import "$work/drafts.jsonl" --log "$work/import" >/dev/null
read -r import_s import_kb <"$work/import.time"
# The same rows, as the database holds them, copied into a plain table with psql's \copy (binary, from this
# machine, as the import sends them).
sql "\\copy (SELECT log_id, seq, id, subject, byte_offset, line FROM decisionlog_events ORDER BY seq) TO '$work/rows.bin' WITH (FORMAT binary)" "$db"
sql "CREATE TABLE plain (log_id text, seq bigint, id text, subject text, byte_offset bigint, line bytea)" "$db"
start=$(now_ns)
sql "\\copy plain FROM '$work/rows.bin' WITH (FORMAT binary)" "$db"
copy_ms=$(( ($(now_ns) - start) / 1000000 ))
import_ms=$(bc <<<"$import_s * 1000 / 1")
# The same drafts imported into a file log: what validating and sealing cost, whatever the store.
"$bin" init --log "$work/file-import" >/dev/null
/usr/bin/time -f "%e" -o "$work/file-import.time" "$bin" import "$work/drafts.jsonl" --log "$work/file-import" >/dev/null
file_import_ms=$(bc <<<"$(cat "$work/file-import.time") * 1000 / 1")
echo "import of $drafts drafts: $import_ms ms ($(( drafts * 1000 / (import_ms > 0 ? import_ms : 1) )) events/s, peak $(( import_kb / 1024 )) MB);" \
     "\\copy of the same rows into a plain table: $copy_ms ms; import ÷ COPY speed: $(percent "$copy_ms" "$import_ms"); the same import into a file log: $file_import_ms ms"
# Two pulls into new mirrors: the first reads rows just written (the server sets their hint bits as it goes),
# the second what a pull of an established log reads.
for mirror in first second; do
  /usr/bin/time -f "%e %M" -o "$work/pull.time" "$bin" pull --log "$work/import" --into "$work/mirror-$mirror" >/dev/null
  read -r pull_s pull_kb <"$work/pull.time"
  pull_ms=$(bc <<<"$pull_s * 1000 / 1")
  "$bin" verify --log "$work/mirror-$mirror" >/dev/null
  [ "$("$bin" head --log "$work/mirror-$mirror")" = "$("$bin" head --log "$work/import")" ] || { echo "FAIL: the mirror's head differs" >&2; exit 1; }
  echo "pull of $drafts events into a new mirror ($mirror): $pull_ms ms ($(( drafts * 1000 / (pull_ms > 0 ? pull_ms : 1) )) events/s, peak $(( pull_kb / 1024 )) MB); the mirror verifies, same head"
done
