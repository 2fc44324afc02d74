#!/usr/bin/env bash
# The browser tests: Debian's Chromium driven by playwright-core under node:test.
#
#   tests/browser/run.sh [spec.mjs ...]      (default: every tests/browser/*.spec.mjs)
#
# Installs playwright-core from package-lock.json (npm ci) when node_modules is missing or
# differs from the lock, starts a fresh gatehouse on a free port with a temporary SQLite
# database and a superuser, runs the specs, stops the server and exits with the tests'
# status. Environment:
#   GATEHOUSE_BIN   the server (default <repo>/build/gatehouse)
#   BASE_URL        test a server that is already running instead of starting gatehouse,
#                   e.g. the Django reference; then ADMIN_USER / ADMIN_PASSWORD name its
#                   superuser (default admin / admin-pass-123)
#   SCREENSHOT_DIR  where the screenshots go (default <repo>/build/screenshots)
#   CHROMIUM_BIN    the browser (default /usr/bin/chromium, Debian's chromium package)
#   STATIC_FALLBACK_DIR  answer /static/* from this directory when the file is there;
#                   for the reference (its gunicorn serves no static files), pass
#                   /usr/lib/python3/dist-packages/django/contrib/admin/static so that
#                   Django's JavaScript pickers run
#   PICKER_REQUIRED 1 = the dual-list picker must be there (set for the gatehouse started
#                   here); otherwise a plain <select multiple> is accepted
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

command -v node >/dev/null || { echo "browser tests: node is missing (scripts/install-deps.sh test)" >&2; exit 1; }
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' \
  || { echo "browser tests: Node.js >= 18 is needed, this is $(node --version)" >&2; exit 1; }
export CHROMIUM_BIN=${CHROMIUM_BIN:-/usr/bin/chromium}
[ -x "$CHROMIUM_BIN" ] || { echo "browser tests: $CHROMIUM_BIN is missing (apt-get install chromium)" >&2; exit 1; }

# node_modules must hold exactly what package-lock.json names.
lock_matches() {
  (cd "$here" && node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    for (const [where, entry] of Object.entries(lock.packages || {})) {
      if (!where) continue;
      let installed;
      try { installed = JSON.parse(fs.readFileSync(where + "/package.json", "utf8")).version; } catch { process.exit(1); }
      if (installed !== entry.version) process.exit(1);
    }') 2>/dev/null
}
if ! lock_matches; then
  command -v npm >/dev/null || { echo "browser tests: npm is missing (scripts/install-deps.sh test)" >&2; exit 1; }
  echo "browser tests: npm ci in tests/browser"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

server_pid=""
workdir=""
status=1
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$workdir" ]; then
    if [ "$status" -ne 0 ] && [ -f "$workdir/server.log" ]; then
      echo "---- gatehouse log (last 40 lines)"; tail -n 40 "$workdir/server.log"
    fi
    rm -rf "$workdir"
  fi
  [ -n "${manifest:-}" ] && rm -f "$manifest"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${BASE_URL:-}" ]; then
  bin=${GATEHOUSE_BIN:-$root/build/gatehouse}
  [ -x "$bin" ] || { echo "browser tests: $bin is not built (scripts/build.sh, or set GATEHOUSE_BIN)" >&2; exit 1; }
  workdir=$(mktemp -d /tmp/gatehouse-browser-XXXXXX)
  port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
  export ADMIN_USER=${ADMIN_USER:-admin} ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin-pass-123}
  export GATEHOUSE_DATABASE_URL="sqlite:///$workdir/gatehouse.sqlite3"
  export GATEHOUSE_LISTEN="127.0.0.1:$port"
  export GATEHOUSE_SECRET_KEY="browser-tests-signing-key-0123456789abcdef-0123456789"
  export GATEHOUSE_PBKDF2_ITERATIONS=1000   # fast logins; the cost is tested in the unit tests
  export GATEHOUSE_IO_THREADS=2 GATEHOUSE_HASH_THREADS=2 SYSTEM_USER_ID=1
  (cd "$workdir" && "$bin" migrate >"$workdir/server.log" 2>&1) || { status=1; echo "gatehouse migrate failed" >&2; exit 1; }
  (cd "$workdir" && GATEHOUSE_SUPERUSER_USERNAME="$ADMIN_USER" GATEHOUSE_SUPERUSER_EMAIL=admin@example.com \
     GATEHOUSE_SUPERUSER_PASSWORD="$ADMIN_PASSWORD" "$bin" createsuperuser --noinput >>"$workdir/server.log" 2>&1) \
    || { status=1; echo "gatehouse createsuperuser failed" >&2; exit 1; }
  (cd "$workdir" && exec "$bin" serve >>"$workdir/server.log" 2>&1) &
  server_pid=$!
  for _ in $(seq 200); do
    kill -0 "$server_pid" 2>/dev/null || { echo "gatehouse exited at start" >&2; exit 1; }
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "gatehouse did not start listening on $port" >&2; exit 1; }
  export BASE_URL="http://127.0.0.1:$port"
  export PICKER_REQUIRED=${PICKER_REQUIRED:-1}
  echo "browser tests: gatehouse on $BASE_URL (database $workdir)"
else
  echo "browser tests: against $BASE_URL"
fi

export SCREENSHOT_DIR=${SCREENSHOT_DIR:-$root/build/screenshots}
mkdir -p "$SCREENSHOT_DIR"
manifest=$(mktemp /tmp/gatehouse-browser-shots-XXXXXX)
export SCREENSHOT_MANIFEST=$manifest

if [ $# -gt 0 ]; then specs=("$@"); else specs=("$here"/*.spec.mjs); fi
set +e
(cd "$here" && node --test --test-reporter=spec "${specs[@]}")
status=$?
set -e

echo "browser tests: screenshots saved by this run:"
if [ -s "$manifest" ]; then sed 's/^/  /' "$manifest"; else echo "  (none)"; fi
exit $status
