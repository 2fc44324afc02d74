#!/usr/bin/env bash
# Runs the shared conformance suite (../shared/conformance, or CONFORMANCE_DIR) against a
# freshly started gatehouse: a new database, the superuser admin/admin-pass-123,
# SYSTEM_USER_ID=1, the reference's PBKDF2 cost. Strict: the tests marked `stricter` must
# pass too (EXPECT_STRICTER_FAILURES is never set here). Exits with pytest's status.
#
#   scripts/conformance.sh [--backend sqlite|postgres] [--nodes N] [pytest arguments...]
#
# --backend sqlite (the default): a new SQLite file. --backend postgres: a new database on the
# server of GATEHOUSE_TEST_POSTGRES_URL, or on a private cluster started for this run with
# scripts/pg-cluster.sh when that is unset; dropped (or stopped) afterwards.
# --nodes N (default 1; more than one implies postgres): N gatehouse nodes on that one database
# behind HAProxy (scripts/cluster.sh), and the suite talks to the balancer only.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
suite=${CONFORMANCE_DIR:-$root/../shared/conformance}
bin=$(realpath -m "${GATEHOUSE_BIN:-$root/build/gatehouse}")
backend=${CONFORMANCE_BACKEND:-sqlite}
nodes=${CONFORMANCE_NODES:-1}
while [ $# -gt 0 ]; do
  case "$1" in
    --backend) backend=$2; shift 2 ;;
    --backend=*) backend=${1#*=}; shift ;;
    --nodes) nodes=$2; shift 2 ;;
    --nodes=*) nodes=${1#*=}; shift ;;
    *) break ;;  # the rest goes to pytest
  esac
done
[[ "$nodes" =~ ^[1-9][0-9]*$ ]] || { echo "conformance: --nodes takes a positive number" >&2; exit 2; }
[ "$nodes" -gt 1 ] && backend=postgres
case "$backend" in sqlite|postgres) ;; *) echo "conformance: --backend is sqlite or postgres" >&2; exit 2 ;; esac
if [ ! -d "$suite" ]; then
  echo "conformance: no suite at $suite; skipped"
  exit 0
fi
[ -x "$bin" ] || { echo "conformance: $bin is not built" >&2; exit 1; }
py=/usr/bin/python3

work=$(mktemp -d /tmp/gatehouse-conformance.XXXXXX)
key="conformance-signing-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export GATEHOUSE_SECRET_KEY="$key" GATEHOUSE_PBKDF2_ITERATIONS=260000 SYSTEM_USER_ID=1
server=""
own_pg=""
own_db=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
  if [ -n "$own_db" ]; then
    $py -c 'import sys, psycopg2
c = psycopg2.connect(sys.argv[1]); c.autocommit = True
c.cursor().execute("DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)" % sys.argv[2])' "${GATEHOUSE_TEST_POSTGRES_URL:-}" "$own_db" || true
  fi
  [ -n "$own_pg" ] && PGCLUSTER_DIR="$own_pg" "$root/scripts/pg-cluster.sh" stop || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

if [ "$backend" = postgres ]; then
  if [ -z "${GATEHOUSE_TEST_POSTGRES_URL:-}" ]; then
    eval "$(PGCLUSTER_DIR='' "$root/scripts/pg-cluster.sh" start)"
    own_pg=$PGCLUSTER_DIR
  fi
  own_db="conformance_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  GATEHOUSE_DATABASE_URL=$($py -c 'import sys, psycopg2
from urllib.parse import urlsplit, urlunsplit
c = psycopg2.connect(sys.argv[1]); c.autocommit = True
c.cursor().execute("CREATE DATABASE \"%s\"" % sys.argv[2])
u = urlsplit(sys.argv[1])
print(urlunsplit((u.scheme, u.netloc, "/" + sys.argv[2], u.query, "")))' "$GATEHOUSE_TEST_POSTGRES_URL" "$own_db")
else
  GATEHOUSE_DATABASE_URL="sqlite:///$work/gatehouse.sqlite3"
fi
export GATEHOUSE_DATABASE_URL

logs=("$work/server.log")
if [ "$nodes" -gt 1 ]; then
  GATEHOUSE_BIN="$bin" GATEHOUSE_SUPERUSER_USERNAME=admin GATEHOUSE_SUPERUSER_EMAIL=admin@example.com \
    GATEHOUSE_SUPERUSER_PASSWORD=admin-pass-123 CLUSTER_KEEP_LOGS="$work/cluster-logs" \
    "$root/scripts/cluster.sh" --nodes "$nodes" --env-file "$work/cluster.env" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 600); do
    [ -f "$work/cluster.env" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
  done
  # shellcheck disable=SC1091
  . "$work/cluster.env"
  base=$GATEHOUSE_CLUSTER_URL
  where="$nodes gatehouse nodes behind HAProxy at $base (nodes: $GATEHOUSE_CLUSTER_NODES)"
else
  port=$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  export GATEHOUSE_LISTEN="127.0.0.1:$port"
  (cd "$work" && "$bin" migrate >/dev/null)
  (cd "$work" && GATEHOUSE_SUPERUSER_PASSWORD=admin-pass-123 "$bin" createsuperuser --noinput \
    --username admin --email admin@example.com >/dev/null)
  (cd "$work" && exec "$bin" serve) >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do
    $py -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
    sleep 0.1
  done
  base="http://127.0.0.1:$port"
  where="gatehouse on $base"
fi

echo "conformance: $suite against $where ($backend: ${GATEHOUSE_DATABASE_URL})"
status=0
BASE_URL="$base" ADMIN_USER=admin ADMIN_PASSWORD=admin-pass-123 SIGNING_KEY="$key" \
  SYSTEM_USER_ID=1 PYTHONDONTWRITEBYTECODE=1 \
  $py -m pytest -q -p no:cacheprovider "$suite" "$@" || status=$?
if [ $status -ne 0 ]; then
  if [ "$nodes" -gt 1 ]; then
    kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""  # copies the node logs
    logs=("$work"/cluster-logs/node*.log "$work/server.log")
  fi
  for log in "${logs[@]}"; do echo "--- $(basename "$log")"; tail -50 "$log"; done
fi
exit $status
