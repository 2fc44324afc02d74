#!/usr/bin/env bash
# Runs the shared conformance suite (../shared/conformance, or CONFORMANCE_DIR) against a
# freshly started gatehouse: a new SQLite database, the superuser admin/admin-pass-123,
# SYSTEM_USER_ID=1, the reference's PBKDF2 cost. Strict: the tests marked `stricter` must
# pass too (EXPECT_STRICTER_FAILURES is never set here). Exits with pytest's status.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
suite=${CONFORMANCE_DIR:-$root/../shared/conformance}
bin=${GATEHOUSE_BIN:-$root/build/gatehouse}
if [ ! -d "$suite" ]; then
  echo "conformance: no suite at $suite; skipped"
  exit 0
fi
[ -x "$bin" ] || { echo "conformance: $bin is not built" >&2; exit 1; }

work=$(mktemp -d /tmp/gatehouse-conformance.XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key="conformance-signing-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export GATEHOUSE_DATABASE_URL="sqlite:///$work/gatehouse.sqlite3" GATEHOUSE_SECRET_KEY="$key" \
  GATEHOUSE_LISTEN="127.0.0.1:$port" GATEHOUSE_PBKDF2_ITERATIONS=260000 SYSTEM_USER_ID=1
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$work" && "$bin" migrate >/dev/null)
(cd "$work" && GATEHOUSE_SUPERUSER_PASSWORD=admin-pass-123 "$bin" createsuperuser --noinput \
  --username admin --email admin@example.com >/dev/null)
(cd "$work" && exec "$bin" serve) >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done

echo "conformance: $suite against gatehouse on 127.0.0.1:$port"
status=0
BASE_URL="http://127.0.0.1:$port" ADMIN_USER=admin ADMIN_PASSWORD=admin-pass-123 SIGNING_KEY="$key" \
  SYSTEM_USER_ID=1 PYTHONDONTWRITEBYTECODE=1 \
  /usr/bin/python3 -m pytest -q -p no:cacheprovider "$suite" "$@" || status=$?
[ $status -eq 0 ] || { echo "--- server log"; tail -50 "$work/server.log"; }
exit $status
