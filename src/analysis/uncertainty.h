// Uncertainty and sensitivity of the ranks to the choices an analyst could
// defend. Pure and deterministic: replication r draws its random numbers
// from its own stream (seed, r), so results are identical to the last digit
// for a seed whatever the thread count, and threads only share the work.
//
// Monte Carlo: each replication picks an imputation, a normalisation and an
// aggregation from the alternatives (uniformly) and multiplies every weight
// by 1 + U(-noise, +noise); it scores the index and ranks the units.
// Scenarios: named, explicit alternatives (weight set, normalisation,
// aggregation), run once each.
// Rank statistics over the runs: mean, median, 5th and 95th percentiles as R's
// quantile(type = 7); the nominal rank is the analyst's own run.
// Sensitivity: first-order (Saltelli 2010) and total-order (Jansen 1999)
// indices of the mean absolute rank shift against the nominal ranks, for
// each uncertain choice.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analysis/engine.h"
#include "core/result.h"
#include "parse/csv_table.h"

namespace omvarld {

struct UncertaintyOptions {
  int replications = 1000;
  uint64_t seed = 1;
  int threads = 0;                       // 0 = every core
  double weight_noise = 0.25;            // relative; 0 = weights as given
  std::vector<Imputation> impute;        // alternatives; empty = the nominal only
  std::vector<NormaliseSpec> normalise;  // alternatives; empty = the nominal only
  std::vector<AggregateSpec> aggregate;  // alternatives (all levels); empty = the nominal
};

struct RankStats {
  int runs = 0;
  Eigen::VectorXd nominal, mean, median, q05, q95;  // per unit; NaN if never ranked
};

// Statistics of integer ranks 1..n over runs, per unit.
class RankHistogram {
 public:
  explicit RankHistogram(Eigen::Index units = 0);
  void add(const Eigen::VectorXd& ranks);  // NaN ranks are not counted
  void merge(const RankHistogram& other);
  RankStats stats(const Eigen::VectorXd& nominal) const;

 private:
  Eigen::Index units_ = 0;
  int runs_ = 0;
  std::vector<int64_t> counts_;  // units x (units + 1)
};

Result<RankStats> monte_carlo(const PreparedData& p, const EngineOptions& nominal,
                              const UncertaintyOptions& u);

struct Scenario {
  std::string name;
  std::string weight_set;  // "" = the framework's weights
  NormaliseSpec normalise;
  AggregateSpec aggregate;
};
using WeightSets = std::map<std::string, std::map<std::string, double>>;

// --scenarios: scenario,weight_set,normalise,aggregate
Result<std::vector<Scenario>> parse_scenarios(const CsvTable& t, const std::string& source);
// --weight-sets: weight_set,iCode,Level,Weight (the level must match the code's)
Result<WeightSets> parse_weight_sets(const CsvTable& t, const Framework& f,
                                     const std::string& source);

struct ScenarioResult {
  RankStats stats;
  std::vector<std::string> names;
  Eigen::MatrixXd top_ranks;  // units x scenarios
};
Result<ScenarioResult> run_scenarios(const PreparedData& p, const EngineOptions& nominal,
                                     const std::vector<Scenario>& scenarios,
                                     const WeightSets& sets);

struct Sensitivity {
  std::vector<std::string> factors;
  std::vector<double> first_order, total_order;
  double variance = 0;  // of the output over the A and B samples
  int runs = 0;         // model evaluations: N (k + 2)
};
Result<Sensitivity> sensitivity(const PreparedData& p, const EngineOptions& nominal,
                                const UncertaintyOptions& u, int base_samples);

}  // namespace omvarld
