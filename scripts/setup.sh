#!/usr/bin/env bash
# Sourced by demo.sh and test.sh: installs the Debian packages omvarld builds
# with (when any is missing), then configures and builds into $BUILD_DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
PACKAGES=(build-essential cmake pkg-config libcurl4-openssl-dev libpugixml-dev rapidjson-dev libeigen3-dev
  libsqlite3-dev zlib1g-dev googletest libgtest-dev libgmock-dev libcli11-dev libtomlplusplus-dev
  libcpp-httplib-dev libmicrohttpd-dev libstemmer-dev libbenchmark-dev libcrypt-dev libssl-dev openssl help2man
  ${EXTRA_PACKAGES:-})

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "omvarld: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
    echo "omvarld: run as root, or install: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release ${CMAKE_EXTRA:-} >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
