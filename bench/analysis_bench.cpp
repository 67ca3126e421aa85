// The benchmark engine's speed targets (issue #4):
//   one full regeneration of a 100-unit, 60-indicator, 3-level index < 1 ms;
//   10,000 Monte Carlo replications of a 1,000-unit, 60-indicator index < 5 s.
//   build/bench/omvarld_bench --benchmark_filter='Regenerate|MonteCarlo'
// Data: log-normal-ish values from a fixed seed, 2% missing, 6 dimensions of
// 10 indicators under one index, a quarter of the indicators lower-is-better.
#include <benchmark/benchmark.h>

#include <random>

#include "analysis/engine.h"
#include "analysis/uncertainty.h"

namespace omvarld::bench {
namespace {

struct Synthetic {
  Framework f;
  UnitData d;
};

// A code like "i12" (built by appending: GCC 12 warns falsely on some
// literal-and-string concatenations once they are inlined).
std::string code(char prefix, int k) {
  std::string s(1, prefix);
  s.append(std::to_string(k));
  return s;
}

Synthetic synthetic(int units, int indicators, int dims) {
  Synthetic s;
  std::mt19937_64 rng(12345);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uni;
  for (int j = 0; j < indicators; ++j) {
    FrameworkNode n;
    n.code = code('i', j);
    n.level = 1;
    n.parent = code('d', j % dims);
    n.direction = j % 4 == 3 ? -1 : 1;
    s.f.indicators.push_back(n);
  }
  for (int k = 0; k < dims; ++k) {
    FrameworkNode n;
    n.code = code('d', k);
    n.level = 2;
    n.parent = "index";
    s.f.aggregates.push_back(n);
  }
  FrameworkNode top;
  top.code = "index";
  top.level = 3;
  s.f.aggregates.push_back(top);
  s.d.values.resize(units, indicators);
  for (int i = 0; i < units; ++i) {
    s.d.units.push_back(code('u', i));
    s.d.names.push_back(s.d.units.back());
    const double common = normal(rng);
    for (int j = 0; j < indicators; ++j)
      s.d.values(i, j) = uni(rng) < 0.02 ? NAN : std::exp(0.5 * common + normal(rng));
  }
  return s;
}

// The whole pipeline from raw values: screening, mean imputation, outlier
// treatment (with `treat`), min-max, arithmetic aggregation at two levels,
// ranks everywhere. On these skewed data the treatment clips five points and
// then logs nearly every column: its worst case.
void regenerate(benchmark::State& state, bool treat) {
  Synthetic s = synthetic(100, 60, 6);
  EngineOptions o;
  o.impute = Imputation::kMean;
  o.screen_units = 0.5;
  if (treat) o.treat = OutlierOptions{};
  for (auto _ : state) {
    auto r = run_index(s.f, s.d, o);
    benchmark::DoNotOptimize(r);
  }
}
void BM_Regenerate_100x60x3(benchmark::State& state) { regenerate(state, true); }
void BM_Regenerate_100x60x3_NoTreatment(benchmark::State& state) { regenerate(state, false); }
BENCHMARK(BM_Regenerate_100x60x3)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Regenerate_100x60x3_NoTreatment)->Unit(benchmark::kMicrosecond);

// 10,000 replications: weight noise 25%, two normalisations, two aggregations.
void BM_MonteCarlo_1000x60_10000(benchmark::State& state) {
  Synthetic s = synthetic(1000, 60, 6);
  EngineOptions o;
  o.impute = Imputation::kMean;
  auto p = prepare(s.f, s.d, o);
  UncertaintyOptions u;
  u.replications = 10000;
  u.threads = static_cast<int>(state.range(0));
  u.normalise = {NormaliseSpec{NormaliseMethod::kMinMax, 1, 100},
                 NormaliseSpec{NormaliseMethod::kPercentile, 0, 100}};
  u.aggregate = {AggregateSpec{AggregateMethod::kArithmetic, 1},
                 AggregateSpec{AggregateMethod::kGeometric, 0}};
  for (auto _ : state) {
    auto r = monte_carlo(*p, o, u);
    if (!r.ok()) state.SkipWithError(r.error().message.c_str());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_MonteCarlo_1000x60_10000)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace omvarld::bench
