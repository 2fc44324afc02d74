#!/usr/bin/env bash
# The README's second command: install what is missing, build, run the unit tests (ctest),
# the integration tests (pytest against live gatehouse processes) and the browser tests
# (Debian's Chromium driven by playwright-core against a gatehouse of their own), then the
# shared conformance suite (../shared/conformance, when it is there) against a fresh gatehouse.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh" test
"$root/scripts/build.sh"

[ -x "$build/gatehouse_tests" ] || { echo "the unit tests were not built (is GoogleTest installed?)" >&2; exit 1; }
echo "== unit tests (ctest)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"

echo "== integration tests (pytest)"
GATEHOUSE_BIN="$build/gatehouse" PYTHONDONTWRITEBYTECODE=1 \
  /usr/bin/python3 -m pytest -q -p no:cacheprovider "$root/tests/integration"

echo "== browser tests (playwright-core + chromium)"
BASE_URL="" GATEHOUSE_BIN="$build/gatehouse" "$root/tests/browser/run.sh"

echo "== conformance suite (../shared/conformance, strict)"
GATEHOUSE_BIN="$build/gatehouse" "$root/scripts/conformance.sh"
