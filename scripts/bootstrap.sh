#!/usr/bin/env bash
# Installs every Debian 12 package credo needs to build, test and run. Idempotent: packages that
# are already installed are left alone. Runs as root (or through sudo when not root).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev sqlite3 libzstd-dev
  libpq-dev postgresql-15 postgresql-client-15
  libssl-dev libargon2-dev liboath-dev
  nlohmann-json3-dev libsimdjson-dev libcli11-dev libspdlog-dev libfmt-dev libtomlplusplus-dev
  libicu-dev libeigen3-dev libxgboost-dev libcpp-httplib-dev
  libcairo2-dev libxlsxwriter-dev poppler-utils fonts-wqy-microhei
  clang libclang-rt-14-dev
  wrk curl
  chromium
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#packages[@]} packages are installed"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
echo "bootstrap: installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
