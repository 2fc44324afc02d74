#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for tests and benchmarks: Debian's binaries, no system service.
#
#   eval "$(scripts/pg-cluster.sh start)"   # exports PGCLUSTER_DIR and GATEHOUSE_TEST_POSTGRES_URL
#   scripts/pg-cluster.sh url               # postgres://gatehouse@127.0.0.1:PORT/postgres
#   scripts/pg-cluster.sh status            # exit 0 when it runs
#   scripts/pg-cluster.sh stop              # stops it and removes its folder; safe in a trap
#
# The cluster lives in one folder, PGCLUSTER_DIR (or the second argument); `start` without one
# makes /tmp/gatehouse-pg.XXXXXX. Inside: data/ (the cluster), the Unix socket, server.log,
# url. It runs as an unprivileged user: the `postgres` user Debian's package creates when this
# script runs as root (PGCLUSTER_USER to choose another), else the caller. It listens on
# 127.0.0.1 only, on a free port (PGCLUSTER_PORT to choose), with trust authentication on
# loopback and the socket; the role `gatehouse` has LOGIN and CREATEDB.
# PGCLUSTER_SETTINGS adds postgresql.conf lines (e.g. "fsync=off synchronous_commit=off" for
# throwaway test data; the default keeps PostgreSQL's durable settings).
# Every command is idempotent: `start` on a running cluster prints its settings again, `stop`
# on a stopped or missing one does nothing. `stop` removes only folders this script made.
set -euo pipefail
pgbin=${PGBIN:-/usr/lib/postgresql/15/bin}
command=${1:-}
dir=${2:-${PGCLUSTER_DIR:-}}
marker=.gatehouse-pg-cluster
py=/usr/bin/python3

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

run_as() {  # run a command as the cluster's user
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "${PGCLUSTER_USER:-postgres}" -- "$@"
  else
    "$@"
  fi
}

running() { [ -n "$dir" ] && [ -f "$dir/data/postmaster.pid" ] && run_as "$pgbin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; }

print_settings() {
  echo "export PGCLUSTER_DIR=$dir"
  echo "export GATEHOUSE_TEST_POSTGRES_URL=$(cat "$dir/url")"
}

free_port() { $py -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start() {
  [ -x "$pgbin/initdb" ] || { echo "pg-cluster: no PostgreSQL 15 at $pgbin (apt-get install postgresql)" >&2; exit 1; }
  if running; then print_settings; return; fi
  if [ "$(id -u)" -eq 0 ] && ! id "${PGCLUSTER_USER:-postgres}" >/dev/null 2>&1; then
    echo "pg-cluster: no user ${PGCLUSTER_USER:-postgres} to run PostgreSQL as" >&2; exit 1
  fi
  if [ -z "$dir" ]; then
    dir=$(mktemp -d /tmp/gatehouse-pg.XXXXXX)
    # A failed start leaves nothing behind: the caller never learnt this folder's name.
    # shellcheck disable=SC2154  # code is set inside the trap
    trap 'code=$?; [ "$code" -eq 0 ] || stop; exit "$code"' EXIT
  else
    mkdir -p "$dir"
  fi
  if [ ! -f "$dir/$marker" ] && [ -n "$(ls -A "$dir")" ]; then
    echo "pg-cluster: $dir is not empty and is not one of our clusters" >&2; exit 1
  fi
  touch "$dir/$marker"
  [ "$(id -u)" -eq 0 ] && chown "${PGCLUSTER_USER:-postgres}:" "$dir"
  chmod 0700 "$dir"
  if ! run_as test -w "$dir"; then
    echo "pg-cluster: ${PGCLUSTER_USER:-postgres} cannot write to $dir (a parent folder is closed to it)" >&2; exit 1
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    run_as "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # Loopback and the socket only (listen_addresses below), trust for the test roles.
    run_as tee "$dir/data/pg_hba.conf" >/dev/null <<'EOF'
local all all                trust
host  all gatehouse,postgres 127.0.0.1/32 trust
EOF
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "unix_socket_directories = '$dir'"
      echo "max_connections = ${PGCLUSTER_MAX_CONNECTIONS:-300}"
      echo "logging_collector = off"
      for setting in ${PGCLUSTER_SETTINGS:-}; do echo "${setting%%=*} = '${setting#*=}'"; done
    } | run_as tee -a "$dir/data/postgresql.conf" >/dev/null
  fi
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=${PGCLUSTER_PORT:-$(free_port)}
    if run_as "$pgbin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-p $port" >/dev/null 2>&1; then
      break
    fi
    # Another process may have taken the port between the probe and the bind: try another.
    if [ "$attempt" -eq 5 ] || [ -n "${PGCLUSTER_PORT:-}" ]; then tail -20 "$dir/server.log" >&2; exit 1; fi
  done
  run_as "$pgbin/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gatehouse') THEN
          CREATE ROLE gatehouse LOGIN CREATEDB; END IF; END \$\$;" >/dev/null
  echo "postgres://gatehouse@127.0.0.1:$port/postgres" | run_as tee "$dir/url" >/dev/null
  print_settings
}

stop() {
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  [ -f "$dir/$marker" ] || { echo "pg-cluster: $dir is not one of our clusters; left alone" >&2; return 1; }
  if running; then
    run_as "$pgbin/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >/dev/null 2>&1 ||
      run_as "$pgbin/pg_ctl" stop -D "$dir/data" -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  url) running || { echo "pg-cluster: no cluster running in '${dir}'" >&2; exit 1; }; cat "$dir/url" ;;
  status) running ;;
  *) usage ;;
esac
