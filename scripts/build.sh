#!/usr/bin/env bash
# Configures (once) and builds gatehouse and its tests into build/ with Ninja and ccache.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
# Configure every time (about a second): packages installed since the last run, such as
# GoogleTest after a serve-only build, are then found.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} >/dev/null
cmake --build "$build" -- -j"$(nproc)"
