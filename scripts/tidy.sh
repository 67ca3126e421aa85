#!/usr/bin/env bash
# Runs clang-tidy (Debian's clang-tidy, .clang-tidy at the root) over every
# source file of src/, with a compile database of its own in build-tidy/.
# Exits 1 and lists the warnings when there are any. Not part of the test
# command (about 10 minutes on two cores).  Usage: scripts/tidy.sh [FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-tidy -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DOMVARLD_PCH=OFF \
  -DOMVARLD_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
# The generated header the sources include.
cmake --build build-tidy --target omvarld_check_layers >/dev/null
files=("$@")
[ ${#files[@]} -eq 0 ] && mapfile -t files < <(git ls-files 'src/*.cpp')
out=$(printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p build-tidy --quiet 2>/dev/null |
  grep -E 'warning:|error:' || true)
if [ -n "$out" ]; then
  printf '%s\n' "$out" | sort -u
  exit 1
fi
echo "clang-tidy: clean (${#files[@]} files)"
