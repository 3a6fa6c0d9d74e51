#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests and benchmarks: a new cluster in DIR (initdb), listening
# only on a Unix socket in DIR (no TCP), trusting local connections. Prints the store URL to use.
# Stop it with: Tools/postgres/stop.sh DIR
set -euo pipefail
export PATH=$PATH:/usr/sbin:/sbin
dir=${1:?usage: Tools/postgres/start.sh DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL's server is not installed (Debian: apt-get install postgresql)" >&2; exit 69; }
mkdir -p "$dir"
# The server refuses to run as root: as root, run it as the postgres user, in a folder it owns.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi }
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; chmod 755 "$dir"; fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-instructions >/dev/null
fi
# The server keeps none of this script's streams open (a caller reading them to the end would wait forever).
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-k $dir -c listen_addresses= -c max_connections=300 -c shared_buffers=128MB" start </dev/null >/dev/null 2>"$dir/pg_ctl.err" \
  || { cat "$dir/pg_ctl.err" "$dir/server.log" >&2; exit 1; }
echo "postgresql://postgres@/postgres?host=$dir"
