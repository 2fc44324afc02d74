#!/usr/bin/env bash
# The README's first command: install what is missing, build, migrate the SQLite database,
# create the superuser named by GATEHOUSE_SUPERUSER_USERNAME/_PASSWORD (if set and not there
# yet), and serve on GATEHOUSE_LISTEN (127.0.0.1:8000).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" build
"$root/scripts/build.sh"
bin=${BUILD_DIR:-$root/build}/gatehouse
"$bin" migrate
if [ -n "${GATEHOUSE_SUPERUSER_USERNAME:-}" ] && [ -n "${GATEHOUSE_SUPERUSER_PASSWORD:-}" ]; then
  "$bin" createsuperuser --noinput --skip-existing
else
  echo "No superuser requested. Create one with: $bin createsuperuser"
  echo "  (or set GATEHOUSE_SUPERUSER_USERNAME and GATEHOUSE_SUPERUSER_PASSWORD and run this again)"
fi
exec "$bin" serve
