#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the tests, on a loopback port, run as an ordinary user.
#   scripts/test-postgres.sh start DIR   initdb in DIR, start, create database credo_test;
#                                         prints the connection URL on stdout
#   scripts/test-postgres.sh stop DIR    stop the server and remove DIR
set -euo pipefail
action=${1:?start|stop}
dir=${2:?directory}
bin=/usr/lib/postgresql/15/bin

# The port: CREDO_TEST_PG_PORT, else the first free one from 25432, so a cluster left running by
# an earlier start (or another checkout's tests) does not make this one fail to start. The range
# is below Linux's ephemeral ports (32768-60999): a port there can be held in TIME_WAIT by an
# earlier client connection, and the server then cannot bind it.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local candidate
  for candidate in $(seq 25432 25531); do
    if ! port_in_use "$candidate"; then echo "$candidate"; return 0; fi
  done
  echo "test-postgres: no free port in 25432-25531 (set CREDO_TEST_PG_PORT)" >&2
  return 1
}

# initdb refuses to run as root: use the postgres system account then.
run_as=()
user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); user=postgres; fi

case "$action" in
  start)
    port=${CREDO_TEST_PG_PORT:-$(free_port)}
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1
    "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    "${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" credo_test
    echo "postgresql://$user@127.0.0.1:$port/credo_test"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
