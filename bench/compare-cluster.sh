#!/usr/bin/env bash
# PostgreSQL benchmark, in one run: the Django reference on PostgreSQL, gatehouse with one node,
# and gatehouse with two nodes behind HAProxy (scripts/cluster.sh), all on ONE private
# PostgreSQL cluster (scripts/pg-cluster.sh, PostgreSQL's durable defaults), each on a database
# of its own. Authenticated GETs (/api/users/me/) and refresh-token rotation chains, measured
# by ../shared/bench/bench.py; prints one table (medians over ROUNDS) and the ratios.
#
#   bench/compare-cluster.sh                        # ROUNDS=2 SCENARIOS=me,refresh DURATION=10
#   TARGETS=django,gh1,gh2 ROUNDS=3 bench/compare-cluster.sh
#   OUT=bench/results/cluster.md bench/compare-cluster.sh
#
# Targets (TARGETS, in this order by default): django (gunicorn, REF_WORKERS=2 sync workers),
# gh1 (one gatehouse node, no balancer), gh1-haproxy (one node behind HAProxy: the balancer's
# own cost), gh2-haproxy (two nodes behind HAProxy, round-robin per request). Same user
# (admin / admin-pass-123), PBKDF2 cost (260,000, Django 3.2's) and token lifetimes everywhere.
# Order: round 1 runs each scenario on the targets in order, round 2 in reverse, and so on.
# GATEHOUSE_TEST_POSTGRES_URL uses an existing server instead of a private cluster.
#
# PostgreSQL's own CPU is not in any server's process tree, so bench.py counts it as "other
# CPU"; DISTURBED_CPU defaults to 1.5 cores here so that it does not mark every run as
# disturbed (the "other CPU" column is then mostly PostgreSQL: read it as such).
# Every other bench.py setting passes through the environment (see ../shared/bench/README.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DIR:-$root/../shared}
harness="$shared/bench/bench.py"
reference="$shared/reference/django/run.sh"
[ -f "$harness" ] || { echo "no benchmark harness at $harness" >&2; exit 2; }
"$root/scripts/install-deps.sh" test
"$root/scripts/build.sh"
gh="$(realpath -m "${BUILD_DIR:-$root/build}/gatehouse")"

export ROUNDS=${ROUNDS:-2} DURATION=${DURATION:-10} DISTURBED_CPU=${DISTURBED_CPU:-1.5}
scenarios=${SCENARIOS:-me,refresh}
targets=${TARGETS:-django,gh1,gh1-haproxy,gh2-haproxy}
key="bench-signing-key-0123456789abcdef-0123456789abcdef"
py=/usr/bin/python3
free_port() { $py -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

tmp=$(mktemp -d /tmp/gatehouse-bench-cluster.XXXXXX)
pids=()
own_pg=""
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "$own_pg" ] && PGCLUSTER_DIR="$own_pg" "$root/scripts/pg-cluster.sh" stop || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

if [ -z "${GATEHOUSE_TEST_POSTGRES_URL:-}" ]; then
  eval "$(PGCLUSTER_DIR='' "$root/scripts/pg-cluster.sh" start)"
  own_pg=$PGCLUSTER_DIR
fi
server_url=$GATEHOUSE_TEST_POSTGRES_URL
new_database() {  # new_database NAME: creates it (dropping an old one), prints its URL
  $py - "$server_url" "$1" <<'EOF'
import sys, psycopg2
from urllib.parse import urlsplit, urlunsplit
c = psycopg2.connect(sys.argv[1]); c.autocommit = True
c.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[2])
c.cursor().execute('CREATE DATABASE "%s"' % sys.argv[2])
u = urlsplit(sys.argv[1])
print(urlunsplit((u.scheme, u.netloc, "/" + sys.argv[2], u.query, "")))
EOF
}
wait_for() {
  for _ in $(seq 1 240); do
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

common_gh_env=(GATEHOUSE_SECRET_KEY="$key" GATEHOUSE_PBKDF2_ITERATIONS=260000
  GATEHOUSE_SUPERUSER_USERNAME=admin GATEHOUSE_SUPERUSER_PASSWORD=admin-pass-123 GATEHOUSE_SUPERUSER_EMAIL=admin@example.com)
declare -A url pid
IFS=, read -ra target_list <<<"$targets"
for t in "${target_list[@]}"; do
  db=$(new_database "bench_${t//-/_}")
  case "$t" in
    django)
      port=$(free_port)
      PORT=$port WORKERS=${REF_WORKERS:-2} REF_SECRET_KEY=$key REF_DATABASE_URL="$db" \
        "$reference" >"$tmp/django.log" 2>&1 &
      pid[$t]=$!; pids+=("$!"); url[$t]="http://127.0.0.1:$port"
      ;;
    gh1)
      port=$(free_port)
      env "${common_gh_env[@]}" GATEHOUSE_DATABASE_URL="$db" "$gh" migrate >/dev/null 2>&1
      env "${common_gh_env[@]}" GATEHOUSE_DATABASE_URL="$db" "$gh" createsuperuser --noinput --skip-existing >/dev/null 2>&1
      env "${common_gh_env[@]}" GATEHOUSE_DATABASE_URL="$db" GATEHOUSE_LISTEN="127.0.0.1:$port" \
        "$gh" serve >"$tmp/gh1.log" 2>&1 &
      pid[$t]=$!; pids+=("$!"); url[$t]="http://127.0.0.1:$port"
      ;;
    gh1-haproxy|gh2-haproxy)
      n=${t:2:1}
      env "${common_gh_env[@]}" GATEHOUSE_DATABASE_URL="$db" GATEHOUSE_BIN="$gh" \
        "$root/scripts/cluster.sh" --nodes "$n" --env-file "$tmp/$t.env" >"$tmp/$t.log" 2>&1 &
      pid[$t]=$!; pids+=("$!")
      for _ in $(seq 600); do [ -f "$tmp/$t.env" ] && break; kill -0 "${pid[$t]}" || { cat "$tmp/$t.log" >&2; exit 1; }; sleep 0.1; done
      url[$t]=$(sed -n 's/^GATEHOUSE_CLUSTER_URL=//p' "$tmp/$t.env")
      ;;
    *) echo "unknown target $t (django, gh1, gh1-haproxy, gh2-haproxy)" >&2; exit 2 ;;
  esac
done
for t in "${target_list[@]}"; do wait_for "${url[$t]}/api/users/me/"; done

IFS=, read -ra scenario_list <<<"$scenarios"
for r in $(seq "$ROUNDS"); do
  order=("${target_list[@]}")
  if [ $((r % 2)) -eq 0 ]; then
    order=(); for ((i = ${#target_list[@]} - 1; i >= 0; i--)); do order+=("${target_list[$i]}"); done
  fi
  for s in "${scenario_list[@]}"; do
    for t in "${order[@]}"; do
      echo "== round $r/$ROUNDS, $s on $t (${url[$t]})" >&2
      BASE_URL="${url[$t]}" SERVER_PID="${pid[$t]}" LABEL="$t" SCENARIOS="$s" ROUNDS=1 \
        JSON_OUT="$tmp/result-$r-$s-$t.json" $py "$harness" run >>"$tmp/bench-runs.md" 2>>"$tmp/bench-progress.log" ||
        { tail -30 "$tmp/bench-progress.log" >&2; exit 1; }
    done
  done
done

$py "$root/bench/cluster_table.py" --harness "$harness" --targets "$targets" --scenarios "$scenarios" \
  --rounds "$ROUNDS" "$tmp" | tee "${OUT:-/dev/null}"
if [ -n "${OUT:-}" ]; then
  cp "$tmp/bench-runs.md" "${OUT%.md}-runs.md"
  echo "(each run's full bench.py output: ${OUT%.md}-runs.md)" >&2
fi
