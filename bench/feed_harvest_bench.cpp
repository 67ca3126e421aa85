// A feed harvest end to end: the 21 MB generated RSS feed (like the EU calls
// feed, about 16,000 items) fetched from an in-memory HTTP double, parsed,
// deduplicated, stored in a new SQLite file and scored with the shipped rules,
// as `omvarld harvest --only feeds` does it; and the same feed harvested again
// into the database that already holds it (every item compared, none new).
// Rates are over wall time; CPU time is the process's (both threads).
//   build-bench/bench/omvarld_bench --benchmark_filter=FeedHarvest
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "generated_data.h"
#include "harvest/feed_collector.h"
#include "relevance/relevance.h"
#include "store/store.h"

namespace omvarld::bench {
namespace {

// Answers every request with the feed (the network is not what is measured).
class FeedServer final : public HttpClient {
 public:
  explicit FeedServer(const std::string& body) : body_(body) {}
  Result<HttpResponse> send(const HttpRequest&) override {
    HttpResponse r;
    r.status = 200;
    r.body = body_;
    r.headers["content-type"] = "application/rss+xml; charset=utf-8";
    return r;
  }

 private:
  const std::string& body_;
};

class FixedClock final : public Clock {
 public:
  int64_t now_unix() override { return 1790000000; }
  void sleep_for(std::chrono::milliseconds) override {}
};

const std::string& feed21() {
  static const std::string body = generate_rss(21);
  return body;
}

std::string temp_dir() {
  char tmpl[] = "/tmp/omvarld-bench-XXXXXX";
  return mkdtemp(tmpl);
}

struct Harness {
  FeedServer http{feed21()};
  FixedClock clock;
  Log log;
  RelevanceScorer scorer;
  std::vector<FeedSource> sources{FeedSource{
      "calls", SourceKind::kRss, "https://example.eu/calls.xml", "Calls", "", 100, 50, true}};
  explicit Harness(RelevanceRules rules) : scorer(std::move(rules)) {}
};

void harvest_once(benchmark::State& state, Harness& h, Store& store, int64_t& items) {
  FeedCollector collector(h.http, store, h.clock, h.log, h.scorer);
  auto report = collector.harvest(h.sources, "bench");
  if (!report.ok() || report->failed()) {
    state.SkipWithError(report.ok() ? report->outcomes[0].error.c_str()
                                    : report.error().message.c_str());
    return;
  }
  const SourceOutcome& o = report->outcomes[0];
  items = o.new_items + o.changed + o.unchanged;
}

Result<Harness*> harness() {
  static Harness* h = nullptr;
  if (h) return h;
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  if (!rules.ok()) return rules.error();
  h = new Harness(std::move(rules).value());
  return h;
}

// The first harvest: every item is new.
void BM_FeedHarvestNew(benchmark::State& state) {
  auto h = harness();
  if (!h.ok()) return state.SkipWithError(h.error().message.c_str());
  int64_t items = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string dir = temp_dir();
    {
      auto store = Store::open(dir + "/bench.db");
      if (!store.ok()) return state.SkipWithError(store.error().message.c_str());
      state.ResumeTiming();
      harvest_once(state, **h, *store, items);
      state.PauseTiming();
    }
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * feed21().size()));
  state.counters["items"] = static_cast<double>(items);
  state.counters["MB"] = feed21().size() / 1e6;
}
// Scoring runs on two threads in a large harvest (harvest/feed_collector.cpp),
// so the rate is taken over wall time and the CPU time is the whole
// process's (both threads), not the main thread's alone.
BENCHMARK(BM_FeedHarvestNew)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(5)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// The same feed again: every item is read, compared and found unchanged.
void BM_FeedHarvestUnchanged(benchmark::State& state) {
  auto h = harness();
  if (!h.ok()) return state.SkipWithError(h.error().message.c_str());
  std::string dir = temp_dir();
  int64_t items = 0;
  {
    auto store = Store::open(dir + "/bench.db");
    if (!store.ok()) return state.SkipWithError(store.error().message.c_str());
    harvest_once(state, **h, *store, items);
    for (auto _ : state) harvest_once(state, **h, *store, items);
  }
  std::filesystem::remove_all(dir);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * feed21().size()));
  state.counters["items"] = static_cast<double>(items);
}
BENCHMARK(BM_FeedHarvestUnchanged)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(5)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace
}  // namespace omvarld::bench
