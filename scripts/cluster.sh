#!/usr/bin/env bash
# N gatehouse nodes on one PostgreSQL database behind HAProxy on loopback, for tests and benchmarks.
#
#   scripts/cluster.sh [--nodes N] [--env-file PATH]
#
# Runs in the foreground until SIGTERM/SIGINT (or until a node or the balancer dies), then stops
# everything it started and exits. When the cluster is ready it prints, and writes to --env-file
# (atomically, so a caller can wait for the file to appear):
#   GATEHOUSE_CLUSTER_URL=http://127.0.0.1:PORT           the balancer
#   GATEHOUSE_CLUSTER_STATS_URL=http://127.0.0.1:P/stats  HAProxy's statistics (append ";csv" for CSV)
#   GATEHOUSE_CLUSTER_NODES="http://127.0.0.1:P1 ..."     each node, for tests that address one
#   GATEHOUSE_CLUSTER_NODE_PIDS="PID1 ..."                the nodes' processes
#   GATEHOUSE_CLUSTER_PID=PID                             this script: its process tree is the nodes + HAProxy
#   GATEHOUSE_CLUSTER_DATABASE_URL=postgres://...         the database they share
#   GATEHOUSE_CLUSTER_SECRET_KEY=...                      the signing key they share
#
# The database: GATEHOUSE_DATABASE_URL when it is a postgres:// URL (kept afterwards); else a
# fresh database on the server of GATEHOUSE_TEST_POSTGRES_URL; else a private cluster started
# with scripts/pg-cluster.sh. Those two are removed at exit. The database is migrated once
# (`gatehouse migrate`, a no-op on a migrated one) and, when GATEHOUSE_SUPERUSER_USERNAME and
# GATEHOUSE_SUPERUSER_PASSWORD are set, that superuser is created if missing.
# Every other GATEHOUSE_* variable passes through to the nodes (GATEHOUSE_SECRET_KEY must be
# the same on all nodes; one is generated when it is unset). GATEHOUSE_BIN names the binary
# (default build/gatehouse), BALANCER_PORT the balancer's port (default: a free one),
# CLUSTER_KEEP_LOGS=DIR copies the node and balancer logs there at exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath -m "${GATEHOUSE_BIN:-$root/build/gatehouse}")
nodes=${CLUSTER_NODES:-2}
env_file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --nodes=*) nodes=${1#*=}; shift ;;
    --env-file) env_file=$2; shift 2 ;;
    --env-file=*) env_file=${1#*=}; shift ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ "$nodes" =~ ^[1-9][0-9]*$ ]] || { echo "cluster: --nodes takes a positive number" >&2; exit 2; }
[ -x "$bin" ] || { echo "cluster: $bin is not built (set GATEHOUSE_BIN)" >&2; exit 1; }
command -v haproxy >/dev/null || { echo "cluster: haproxy is not installed (apt-get install haproxy)" >&2; exit 1; }
py=/usr/bin/python3

work=$(mktemp -d /tmp/gatehouse-cluster.XXXXXX)
chmod 0755 "$work"  # HAProxy reads its config as an unprivileged user
pids=()
haproxy_pid=""
own_pg=""
own_db=""
stopping=""

cleanup() {
  local status=$?
  [ -n "$stopping" ] && return
  stopping=1
  trap '' TERM INT
  [ -n "$haproxy_pid" ] && kill -TERM "$haproxy_pid" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}" $haproxy_pid; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$own_db" ]; then
    $py - "${GATEHOUSE_TEST_POSTGRES_URL:-}" "$own_db" <<'EOF' || true
import sys, psycopg2
conn = psycopg2.connect(sys.argv[1]); conn.autocommit = True
conn.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[2])
EOF
  fi
  [ -n "$own_pg" ] && PGCLUSTER_DIR="$own_pg" "$root/scripts/pg-cluster.sh" stop || true
  if [ -n "${CLUSTER_KEEP_LOGS:-}" ]; then mkdir -p "$CLUSTER_KEEP_LOGS" && cp "$work"/*.log "$CLUSTER_KEEP_LOGS"/ 2>/dev/null || true; fi
  [ -n "$env_file" ] && rm -f "$env_file"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 0' TERM INT

free_port() { $py -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {  # wait_port PORT PID: until something accepts on 127.0.0.1:PORT, while PID lives
  for _ in $(seq 200); do
    kill -0 "$2" 2>/dev/null || return 1
    $py -c "import socket; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# The database.
database_url=${GATEHOUSE_DATABASE_URL:-}
if [[ ! "$database_url" =~ ^postgres(ql)?:// ]]; then
  if [ -z "${GATEHOUSE_TEST_POSTGRES_URL:-}" ]; then
    eval "$(PGCLUSTER_DIR='' "$root/scripts/pg-cluster.sh" start)"
    own_pg=$PGCLUSTER_DIR
  fi
  own_db="gatehouse_cluster_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  database_url=$($py - "$GATEHOUSE_TEST_POSTGRES_URL" "$own_db" <<'EOF'
import sys, psycopg2
from urllib.parse import urlsplit, urlunsplit
conn = psycopg2.connect(sys.argv[1]); conn.autocommit = True
conn.cursor().execute('CREATE DATABASE "%s"' % sys.argv[2])
u = urlsplit(sys.argv[1])
print(urlunsplit((u.scheme, u.netloc, "/" + sys.argv[2], u.query, "")))
EOF
)
fi
export GATEHOUSE_DATABASE_URL=$database_url
export GATEHOUSE_SECRET_KEY=${GATEHOUSE_SECRET_KEY:-cluster-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}

(cd "$work" && "$bin" migrate >"$work/migrate.log" 2>&1) || { cat "$work/migrate.log" >&2; exit 1; }
if [ -n "${GATEHOUSE_SUPERUSER_USERNAME:-}" ] && [ -n "${GATEHOUSE_SUPERUSER_PASSWORD:-}" ]; then
  (cd "$work" && "$bin" createsuperuser --noinput --skip-existing >"$work/createsuperuser.log" 2>&1) ||
    { cat "$work/createsuperuser.log" >&2; exit 1; }
fi

# The nodes.
ports=()
urls=()
for i in $(seq "$nodes"); do
  port=$(free_port)
  (cd "$work" && GATEHOUSE_LISTEN="127.0.0.1:$port" exec "$bin" serve) >"$work/node$i.log" 2>&1 &
  pids+=("$!")
  ports+=("$port")
  urls+=("http://127.0.0.1:$port")
done
for i in $(seq 0 $((nodes - 1))); do
  wait_port "${ports[$i]}" "${pids[$i]}" || { echo "cluster: node $((i + 1)) did not start:" >&2; tail -20 "$work/node$((i + 1)).log" >&2; exit 1; }
done

# The balancer. The template is quoted in README.md ("PostgreSQL and several nodes").
balancer_port=${BALANCER_PORT:-$(free_port)}
stats_port=$(free_port)
{
  cat <<EOF
global
    maxconn 4096
    log stderr format raw local0 warning

defaults
    mode http
    log global
    option http-keep-alive
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout http-request 30s
    timeout http-keep-alive 30s
    timeout check 5s
    retries 2
    option redispatch

frontend gatehouse
    bind 127.0.0.1:$balancer_port
    default_backend gatehouse_nodes

frontend stats
    bind 127.0.0.1:$stats_port
    stats enable
    stats uri /stats
    stats refresh 5s

backend gatehouse_nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /api/token/
    http-check expect status 405
    default-server check inter 1s fall 3 rise 1
EOF
  for i in $(seq "$nodes"); do echo "    server node$i 127.0.0.1:${ports[$((i - 1))]}"; done
} >"$work/haproxy.cfg"
haproxy -c -q -f "$work/haproxy.cfg" || { echo "cluster: bad HAProxy config:" >&2; cat "$work/haproxy.cfg" >&2; exit 1; }
if [ "$(id -u)" -eq 0 ]; then
  setpriv --reuid=nobody --regid=nogroup --clear-groups haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
else
  haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
fi
haproxy_pid=$!
wait_port "$balancer_port" "$haproxy_pid" || { echo "cluster: HAProxy did not start:" >&2; cat "$work/haproxy.log" >&2; exit 1; }

node_pids="${pids[*]}"
{
  echo "GATEHOUSE_CLUSTER_URL=http://127.0.0.1:$balancer_port"
  echo "GATEHOUSE_CLUSTER_STATS_URL=http://127.0.0.1:$stats_port/stats"
  echo "GATEHOUSE_CLUSTER_NODES=\"${urls[*]}\""
  echo "GATEHOUSE_CLUSTER_NODE_PIDS=\"$node_pids\""
  echo "GATEHOUSE_CLUSTER_PID=$$"
  echo "GATEHOUSE_CLUSTER_DATABASE_URL=$GATEHOUSE_DATABASE_URL"
  echo "GATEHOUSE_CLUSTER_SECRET_KEY=$GATEHOUSE_SECRET_KEY"
} >"$work/cluster.env"
if [ -n "$env_file" ]; then
  cp "$work/cluster.env" "$env_file.tmp" && mv "$env_file.tmp" "$env_file"
fi
cat "$work/cluster.env"
echo "cluster: $nodes node(s) behind http://127.0.0.1:$balancer_port; SIGTERM stops them" >&2

# Stay up while every child lives; a dead node or balancer ends the cluster with an error.
while true; do
  for i in $(seq 0 $((nodes - 1))); do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "cluster: node $((i + 1)) exited:" >&2; tail -20 "$work/node$((i + 1)).log" >&2; exit 1
    fi
  done
  kill -0 "$haproxy_pid" 2>/dev/null || { echo "cluster: HAProxy exited:" >&2; cat "$work/haproxy.log" >&2; exit 1; }
  sleep 0.5 &
  wait $! || true
done
