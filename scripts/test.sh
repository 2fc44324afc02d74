#!/usr/bin/env bash
# The README's second command: install what is missing, build, start a private PostgreSQL
# cluster (scripts/pg-cluster.sh: Debian's PostgreSQL 15 as an unprivileged user in a temporary
# folder, loopback only, stopped and removed at the end), then run:
#   1. the unit tests (ctest; the PostgreSQL store tests use GATEHOUSE_TEST_POSTGRES_URL);
#   2. the integration tests (pytest against live gatehouse processes) on SQLite, then again
#      with every gatehouse on a fresh PostgreSQL database (plus the multi-node tests);
#   3. the browser tests (Debian's Chromium driven by playwright-core, on SQLite);
#   4. the shared conformance suite (../shared/conformance, when it is there) on SQLite, on
#      PostgreSQL with one node, and through HAProxy with two nodes on one PostgreSQL database.
# GATEHOUSE_TEST_POSTGRES=0 leaves out everything PostgreSQL (no cluster is started).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
postgres=${GATEHOUSE_TEST_POSTGRES:-1}
"$root/scripts/install-deps.sh" test
"$root/scripts/build.sh"

[ -x "$build/gatehouse_tests" ] || { echo "the unit tests were not built (is GoogleTest installed?)" >&2; exit 1; }
export GATEHOUSE_BIN="$build/gatehouse" PYTHONDONTWRITEBYTECODE=1
unset GATEHOUSE_TEST_POSTGRES_URL PGCLUSTER_DIR
started=$(date +%s)
stage() { echo "== $* ($(($(date +%s) - started)) s)"; }

if [ "$postgres" = 1 ]; then
  stop_cluster() { "$root/scripts/pg-cluster.sh" stop; }
  trap stop_cluster EXIT
  trap 'exit 143' TERM INT
  # Throwaway data: no fsync. (The durability of acknowledged writes against a crash of
  # gatehouse does not depend on it; the benchmarks keep PostgreSQL's durable defaults.)
  eval "$(PGCLUSTER_SETTINGS="fsync=off synchronous_commit=off full_page_writes=off" "$root/scripts/pg-cluster.sh" start)"
  echo "PostgreSQL test cluster: $GATEHOUSE_TEST_POSTGRES_URL (in $PGCLUSTER_DIR)"
fi
sqlite_only() { env -u GATEHOUSE_TEST_POSTGRES_URL "$@"; }

stage "unit tests (ctest)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"

stage "integration tests (pytest), SQLite"
sqlite_only /usr/bin/python3 -m pytest -q -p no:cacheprovider "$root/tests/integration"

if [ "$postgres" = 1 ]; then
  stage "integration tests (pytest), PostgreSQL"
  /usr/bin/python3 -m pytest -q -p no:cacheprovider "$root/tests/integration"
fi

stage "browser tests (playwright-core + chromium)"
BASE_URL="" sqlite_only "$root/tests/browser/run.sh"

stage "conformance suite (../shared/conformance, strict), SQLite"
sqlite_only "$root/scripts/conformance.sh" --backend sqlite

if [ "$postgres" = 1 ]; then
  stage "conformance suite, PostgreSQL, one node"
  "$root/scripts/conformance.sh" --backend postgres
  stage "conformance suite, PostgreSQL, two nodes behind HAProxy"
  "$root/scripts/conformance.sh" --backend postgres --nodes 2
fi
stage "all tests passed"
