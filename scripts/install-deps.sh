#!/usr/bin/env bash
# Installs the Debian 12 packages gatehouse needs: `install-deps.sh build` for building and
# serving, `install-deps.sh test` adds what the tests and benchmarks use.
set -euo pipefail
what=${1:-build}
build_packages=(build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev libsqlite3-dev
  libargon2-dev libcrypt-dev zlib1g-dev libcli11-dev libkainjow-mustache-dev libpq-dev)
test_packages=(libgtest-dev libgmock-dev libbenchmark-dev python3-pytest python3-requests python3-jwt
  python3-django python3-djangorestframework python3-djangorestframework-simplejwt gunicorn wrk sqlite3
  chromium postgresql haproxy python3-psycopg2)
packages=("${build_packages[@]}")
if [ "$what" = test ]; then
  packages+=("${test_packages[@]}")
  # The browser tests (tests/browser) also need Node.js >= 18 and npm. Debian ships them as two
  # packages, nodejs and npm. A Node.js installed some other way is kept: NodeSource's nodejs
  # package bundles npm and conflicts with Debian's npm, so Debian's are only added when missing.
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if dpkg-query -W -f='${Status} ${Provides}\n' nodejs 2>/dev/null | grep -q "install ok installed.*\bnpm\b"; then
      echo "the installed nodejs package should provide node and npm, but one is missing: reinstall it" >&2
      exit 1
    fi
    command -v node >/dev/null 2>&1 || packages+=(nodejs)
    packages+=(npm)
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "installing: ${missing[*]}"
  if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    # The tests run PostgreSQL as a private cluster (scripts/pg-cluster.sh): keep the package
    # from creating and starting the system-wide "main" cluster as a service.
    $sudo mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
