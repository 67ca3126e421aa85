// Parser throughput on about 50 MB of generated, Eurostat-shaped data.
//   build/bench/omvarld_bench --benchmark_filter=Parse
#include <benchmark/benchmark.h>

#include "generated_data.h"
#include "parse/feed_parser.h"
#include "parse/jsonstat_parser.h"
#include "parse/sdmx_tsv_parser.h"

namespace omvarld::bench {
namespace {

const std::string& json50() {
  static const std::string body = generate_jsonstat(50);
  return body;
}
const std::string& tsv50() {
  static const std::string body = generate_tsv(50);
  return body;
}

// Flatten: decode every cell's coordinates and build each series' key
// once, as the store does.
size_t flatten(const Dataset& ds) {
  uint64_t last = UINT64_MAX;
  size_t keys = 0;
  for_each_observation(ds, [&](const FlatObservation& o) {
    if (o.series_ordinal != last) {
      last = o.series_ordinal;
      keys += series_dims(ds, *o.coords).size();
    }
  });
  return keys;
}

// Parses `body` with `parse` as often as the benchmark asks, flattening each result.
template <typename Parse>
void parse_and_flatten(benchmark::State& state, const std::string& body, Parse parse) {
  int64_t cells = 0;
  for (auto _ : state) {
    auto ds = parse(body);
    if (!ds.ok()) {
      state.SkipWithError(ds.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(flatten(*ds));
    cells = static_cast<int64_t>(ds->observations.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
  state.counters["cells"] = static_cast<double>(cells);
  state.counters["MB"] = body.size() / 1e6;
}

void BM_JsonStatParseFlatten(benchmark::State& state) {
  parse_and_flatten(state, json50(),
                    [](const std::string& b) { return parse_jsonstat(b, "bench"); });
}
BENCHMARK(BM_JsonStatParseFlatten)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_SdmxTsvParseFlatten(benchmark::State& state) {
  parse_and_flatten(state, tsv50(),
                    [](const std::string& b) { return parse_sdmx_tsv(b, "urb_bench", "bench"); });
}
BENCHMARK(BM_SdmxTsvParseFlatten)->Unit(benchmark::kMillisecond)->MinTime(3);

// Feed parsing: decoding, entity repair, XML, items with plain-text summaries.
void BM_FeedParse(benchmark::State& state) {
  static const std::string body = generate_rss(20);
  FeedParseOptions options;
  options.max_items = 1000000;
  size_t items = 0;
  for (auto _ : state) {
    auto feed = parse_feed(body, "application/rss+xml; charset=utf-8", "bench", options);
    if (!feed.ok()) state.SkipWithError(feed.error().message.c_str());
    items = feed->items.size();
    benchmark::DoNotOptimize(items);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
  state.counters["items"] = static_cast<double>(items);
  state.counters["MB"] = body.size() / 1e6;
}
BENCHMARK(BM_FeedParse)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace
}  // namespace omvarld::bench
