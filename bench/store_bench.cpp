// SQLite ingest: observations per second into a file database on disk, one
// dataset in one transaction, as a harvest writes it.
//   build/bench/omvarld_bench --benchmark_filter=Store
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "generated_data.h"
#include "store/store.h"

namespace omvarld::bench {
namespace {

std::string temp_db() {
  char tmpl[] = "/tmp/omvarld-bench-XXXXXX";
  return std::string(mkdtemp(tmpl)) + "/bench.db";
}

void remove_db(const std::string& path) {
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

// A fresh database: every observation is new.
void BM_StoreIngestNew(benchmark::State& state) {
  std::vector<Dataset> parts{generate_city_dataset(100, static_cast<int>(state.range(0)), 30)};
  int64_t n = static_cast<int64_t>(parts[0].observations.size());
  for (auto _ : state) {
    state.PauseTiming();
    std::string path = temp_db();
    auto store = Store::open(path);
    auto run = store->begin_run("harvest", "bench", UtcTime{0});
    state.ResumeTiming();
    auto w = store->write_dataset(*run, parts, Provenance{"bench", "", "now", "", ""});
    if (!w.ok()) state.SkipWithError(w.error().message.c_str());
    state.PauseTiming();
    remove_db(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["observations"] = static_cast<double>(n);
}
BENCHMARK(BM_StoreIngestNew)->Arg(400)->Unit(benchmark::kMillisecond)->MinTime(3);

// The same data harvested again: every observation is compared, none written.
void BM_StoreIngestUnchanged(benchmark::State& state) {
  std::vector<Dataset> parts{generate_city_dataset(100, static_cast<int>(state.range(0)), 30)};
  int64_t n = static_cast<int64_t>(parts[0].observations.size());
  std::string path = temp_db();
  auto store = Store::open(path);
  auto run = store->begin_run("harvest", "bench", UtcTime{0});
  (void)store->write_dataset(*run, parts, Provenance{"bench", "", "now", "", ""});
  for (auto _ : state) {
    auto w = store->write_dataset(*run, parts, Provenance{"bench", "", "now", "", ""});
    if (!w.ok() || w->rows_unchanged != n) state.SkipWithError("unexpected write result");
  }
  remove_db(path);
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["observations"] = static_cast<double>(n);
}
BENCHMARK(BM_StoreIngestUnchanged)->Arg(400)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace
}  // namespace omvarld::bench
