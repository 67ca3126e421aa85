// Relevance scoring throughput with the shipped rules (feeds/relevance.toml)
// on generated EU-like items: a title, topics and a 60-word summary each.
//   build/bench/omvarld_bench --benchmark_filter=Score
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>

#include <fstream>
#include <random>
#include <sstream>

#include "relevance/relevance.h"

namespace omvarld::bench {
namespace {

struct Item {
  std::string title, topics, summary;
};

// Real words where they can be had: the titles and topics of the 657 real
// Have your say consultations in ../shared/fixtures (each item: one real
// title and topic, and a summary made of five other real titles).
std::vector<Item> real_items() {
  std::ifstream in(std::string(OMVARLD_SOURCE_DIR) +
                   "/../shared/fixtures/feeds/eu/hys_consultations_2016_2026_scraped.json");
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  rapidjson::Document d;
  d.Parse(ss.str().c_str());
  if (!d.IsArray()) return {};
  std::vector<Item> base;
  for (const auto& c : d.GetArray())
    base.push_back(Item{c["initiative_name"].GetString(),
                        c["topic"].IsString() ? c["topic"].GetString() : "", ""});
  std::vector<Item> out;
  for (size_t i = 0; i < 10000; ++i) {
    Item it = base[i % base.size()];
    for (size_t k = 1; k <= 5; ++k)
      it.summary += base[(i * 7 + k * 131) % base.size()].title + ". ";
    out.push_back(std::move(it));
  }
  return out;
}

std::vector<Item> items(size_t n) {
  static const char* words[] = {
      "regulation", "directive",  "urban",        "mobility", "energy", "buildings",
      "the",        "of",         "and",          "for",      "public", "procurement",
      "revision",   "evaluation", "data",         "digital",  "water",  "waste",
      "housing",    "fisheries",  "agricultural", "market",   "cities", "transport",
      "health",     "skills",     "security",     "climate",  "rules",  "new"};
  std::mt19937_64 rng(7);
  auto text = [&](int n_words) {
    std::string s;
    for (int i = 0; i < n_words; ++i) {
      if (i) s += ' ';
      s += words[rng() % 30];
    }
    return s;
  };
  std::vector<Item> out(n);
  for (auto& i : out) i = Item{text(8), text(2), text(60)};
  return out;
}

void BM_ScoreItems(benchmark::State& state) {
  auto rules = load_relevance_rules(std::string(OMVARLD_SOURCE_DIR) + "/feeds/relevance.toml");
  if (!rules.ok()) {
    state.SkipWithError(rules.error().message.c_str());
    return;
  }
  RelevanceScorer scorer(std::move(rules).value());
  std::vector<Item> data = real_items();
  state.SetLabel(data.empty() ? "generated words" : "real consultation titles");
  if (data.empty()) data = items(10000);
  int64_t flagged = 0;
  for (auto _ : state) {
    for (const Item& i : data) flagged += scorer.score(i.title, i.topics, i.summary).flagged;
  }
  benchmark::DoNotOptimize(flagged);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_ScoreItems)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace
}  // namespace omvarld::bench
