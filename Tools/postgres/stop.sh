#!/usr/bin/env bash
# Stops a server Tools/postgres/start.sh started in DIR (MODE: fast, the default, or immediate — a crash).
set -euo pipefail
export PATH=$PATH:/usr/sbin:/sbin
dir=${1:?usage: Tools/postgres/stop.sh DIR [fast|immediate]}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi }
as_owner "$bin/pg_ctl" -D "$dir/data" -m "${2:-fast}" -w stop >/dev/null
