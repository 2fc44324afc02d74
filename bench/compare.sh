#!/usr/bin/env bash
# Side-by-side benchmark: the Django reference (A) and gatehouse (B) on the same machine, in
# one run of ../shared/bench/bench.py compare, with the same user (admin / admin-pass-123), the
# same PBKDF2 cost (Django 3.2's 260,000 iterations) and the same token lifetimes.
#
#   bench/compare.sh                      # all scenarios, ROUNDS=1
#   ROUNDS=2 SCENARIOS=me,reject bench/compare.sh
#   JSON_OUT=bench/results/run.json bench/compare.sh
#
# Every setting of bench.py passes through the environment (see ../shared/bench/README.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$root/../shared}
harness="$shared/bench/bench.py"
reference="$shared/reference/django/run.sh"
[ -f "$harness" ] || { echo "no benchmark harness at $harness" >&2; exit 2; }
"$root/scripts/install-deps.sh" test
"$root/scripts/build.sh"

py=/usr/bin/python3
free_port() { $py -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
tmp=$(mktemp -d)
key="bench-signing-key-0123456789abcdef-0123456789abcdef"
ref_port=$(free_port)
gh_port=$(free_port)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

PORT=$ref_port WORKERS=${REF_WORKERS:-2} REF_SECRET_KEY=$key REF_DB="$tmp/ref.sqlite3" \
  "$reference" >"$tmp/reference.log" 2>&1 &
ref_pid=$!
pids+=("$ref_pid")

export GATEHOUSE_DATABASE_URL="sqlite:///$tmp/gatehouse.sqlite3" GATEHOUSE_SECRET_KEY=$key \
  GATEHOUSE_LISTEN="127.0.0.1:$gh_port" GATEHOUSE_PBKDF2_ITERATIONS=260000
gh="${BUILD_DIR:-$root/build}/gatehouse"
"$gh" migrate >/dev/null
GATEHOUSE_SUPERUSER_PASSWORD=admin-pass-123 "$gh" createsuperuser --noinput --username admin --email admin@example.com >/dev/null
"$gh" serve >"$tmp/gatehouse.log" 2>&1 &
gh_pid=$!
pids+=("$gh_pid")

wait_for() {
  for _ in $(seq 1 120); do
    if $py -c 'import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1], timeout=2)
except urllib.error.HTTPError:
    pass' "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "$1 did not come up" >&2
  return 1
}
wait_for "http://127.0.0.1:$ref_port/api/users/me/"
wait_for "http://127.0.0.1:$gh_port/api/users/me/"

BASE_URL_A="http://127.0.0.1:$ref_port" SERVER_PID_A=$ref_pid LABEL_A=django-3.2-gunicorn-w2 \
BASE_URL_B="http://127.0.0.1:$gh_port" SERVER_PID_B=$gh_pid LABEL_B=gatehouse \
  $py "$harness" compare
