#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for
# SECONDS (default 60), one after the other, seeded from the project's own
# samples and, when present, ../shared/fixtures; the corpora it grows stay in
# tests/fuzz/corpus-TARGET/. Not part of the test suite: run it by hand or on
# a schedule.  Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_jsonstat fuzz_sdmx_tsv fuzz_catalogue fuzz_feed fuzz_eu_api
  fuzz_toml_framework fuzz_csv fuzz_lifecycle)

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
    fuzz_eu_api)
      for f in tests/fuzz/seeds/*.apijson; do cp "$f" "$corpus/$(basename "$f" .apijson).json"; done
      [ -d "$fixtures/feeds/eu" ] && find "$fixtures/feeds/eu" -name '*.json' -size -128k -exec cp {} "$corpus"/ \; ;;
    fuzz_lifecycle)
      # Every recorded lifecycle answer under 128 KiB (the big HTML pages fuzz slowly).
      [ -d "$fixtures/lifecycle" ] && find "$fixtures/lifecycle" -type f ! -name SOURCES.md \
        -size -128k -exec cp {} "$corpus"/ \; ;;
    fuzz_toml_framework)
      cp indicators/frameworks/*.toml "$corpus"/
      cp indicators/peers.toml "$corpus"/ ;;
    fuzz_csv)
      [ -d "$fixtures/coinr" ] && for f in "$fixtures"/coinr/*.csv; do
        head -100 "$f" >"$corpus/$(basename "$f")"; done
      [ -d "$fixtures/cities" ] && for f in "$fixtures"/cities/*.csv; do
        head -100 "$f" >"$corpus/$(basename "$f")"; done
      find tests indicators -path tests/fuzz -prune -o -name '*.csv' -size -64k -print |
        head -20 | while read -r f; do cp "$f" "$corpus/"; done ;;
  esac
  echo "== $t for ${seconds}s (corpus $corpus)"
  "build-fuzz/tests/fuzz/$t" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
done
