#!/usr/bin/env bash
# The README's test command (and CI's): set up, build with warnings as
# errors, run the whole suite; then build again with AddressSanitizer and
# UndefinedBehaviorSanitizer and run the suite there too.
# Set OMVARLD_NO_SANITIZE=1 to skip the sanitizer pass.
set -euo pipefail
# The browser tests: playwright-core from npm drives Debian's chromium.
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -qq && "${SUDO[@]}" apt-get install -y -qq nodejs npm >/dev/null
fi
(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/e2e" &&
  npm install --no-audit --no-fund --loglevel=error >/dev/null) ||
  echo "note: npm install failed; the browser end-to-end test will be skipped" >&2
# The checks build into build-test (not build/, which demo.sh and people use):
# -O1 with warnings as errors, no benchmarks (they run on their own, see the
# README's Performance section), so the whole command stays within ~15
# minutes. Debian's chromium renders the HTML report in one test (headless).
BUILD_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build-test"
EXTRA_PACKAGES="chromium fonts-dejavu-core cmark-gfm"
CMAKE_EXTRA="-DOMVARLD_WERROR=ON -DOMVARLD_CHECK_BUILD=ON -DOMVARLD_BUILD_BENCHMARKS=OFF"
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
[ -d "$ROOT/../shared/fixtures" ] || echo "note: ../shared/fixtures is absent; tests that read it will be skipped" >&2
(cd "$BUILD_DIR" && ctest --output-on-failure -j"$(nproc)")

if [ -z "${OMVARLD_NO_SANITIZE:-}" ]; then
  echo "== again with ASan + UBSan" >&2
  cmake -S "$ROOT" -B "$ROOT/build-asan" -DCMAKE_BUILD_TYPE=Debug -DOMVARLD_SANITIZE=ON -DOMVARLD_WERROR=ON \
    -DOMVARLD_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$ROOT/build-asan" -j"$(nproc)"
  (cd "$ROOT/build-asan" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --output-on-failure -j"$(nproc)")
fi
