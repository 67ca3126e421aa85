#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for
# SECONDS (default 60), seeded from the project's own samples and, when
# present, ../shared/fixtures. Not part of the test suite: run it by hand or
# on a schedule.  Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_jsonstat fuzz_sdmx_tsv fuzz_catalogue fuzz_feed)

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOMVARLD_FUZZ=ON \
  -DOMVARLD_BUILD_TESTS=OFF -DOMVARLD_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]}" >/dev/null

fixtures=../shared/fixtures
for t in "${targets[@]}"; do
  corpus="tests/fuzz/corpus-$t"
  mkdir -p "$corpus"
  case "$t" in
    fuzz_jsonstat)
      cp tests/fuzz/seeds/*.json "$corpus"/ 2>/dev/null || true
      [ -d "$fixtures/eurostat" ] && cp "$fixtures"/eurostat/*.json "$corpus"/ ;;
    fuzz_sdmx_tsv)
      cp tests/fuzz/seeds/*.tsv "$corpus"/ 2>/dev/null || true
      [ -d "$fixtures/eurostat" ] && cp "$fixtures"/eurostat/*.tsv "$corpus"/
      # The big bulk files are cut to their first 200 lines: small seeds fuzz faster.
      [ -d "$fixtures/cities" ] && for f in "$fixtures"/cities/eurostat_bulk_tsv_*.tsv; do
        head -200 "$f" >"$corpus/$(basename "$f")"; done ;;
    fuzz_feed)
      cp tests/fuzz/seeds/*.xml "$corpus"/ 2>/dev/null || true
      [ -d "$fixtures/feeds" ] && find "$fixtures/feeds" -name '*.xml' -size -64k -exec cp {} "$corpus"/ \; ;;
    fuzz_catalogue)
      [ -f "$fixtures/eurostat/catalogue_toc_txt_en_2023-04.txt" ] &&
        head -300 "$fixtures/eurostat/catalogue_toc_txt_en_2023-04.txt" >"$corpus/toc.txt"
      cp indicators/sample/eurostat/catalogue.txt "$corpus/sample_toc.txt" ;;
  esac
  echo "== $t for ${seconds}s (corpus $corpus)"
  "build-fuzz/tests/fuzz/$t" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
done
