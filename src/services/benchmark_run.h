// One benchmark, start to finish: load the framework (TOML or COINr iMeta
// CSV), the data (the database or a CSV file), select the period, run the
// engine, and the optional analyses (Monte Carlo, scenarios, sensitivity,
// rank change since an earlier period), with coherence and the focus city's
// profile. Shared by `omvarld rank` and `omvarld report benchmark`.
// Side effects: reads files and the database; writes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/coherence.h"
#include "analysis/engine.h"
#include "analysis/focus.h"
#include "analysis/observations.h"
#include "analysis/uncertainty.h"
#include "core/log.h"
#include "services/settings.h"
#include "store/store.h"

namespace omvarld {

struct BenchmarkRequest {
  std::string group;               // peer group of peers.toml; "" = the framework's, else all units
  std::vector<std::string> units;  // explicit units (overrides group)
  std::string framework = "sustainability";  // indicators/frameworks/NAME.toml
  // engine.index_min_share < 0 takes the framework's (TOML: index_min_share,
  // default 0.75; COINr iMeta: the same as engine.min_share).
  std::string meta_path;   // COINr iMeta CSV instead of a TOML framework
  std::string input_path;  // CSV instead of the database
  std::string period;      // "" = latest in the data
  int latest_within = -1;  // -1 = the framework's default (0 for CSV meta)
  std::string focus;       // "" = peers.toml's focus city, if ranked
  EngineOptions engine;
  int replications = 0;            // Monte Carlo; 0 = none
  UncertaintyOptions uncertainty;  // seed, threads, noise, alternatives
  int sensitivity_samples = 0;     // 0 = none
  std::string scenarios_path, weight_sets_path;
  std::string since;  // rank change since this period; "" = none
};

struct BenchmarkOutcome {
  std::string framework_id, label_en, label_sv, description, description_sv;
  std::string index_en, index_sv;  // the index in a sentence; "" = none given
  Framework framework;             // as loaded (names in both languages, denominators)
  // The database path or the input file's name: for the analyst's own
  // outputs (`rank --format json`), never for a report (a private path).
  std::string data_source;
  bool from_database = false;
  std::string group;               // the peer group used, "" if none
  EngineOptions engine;            // the choices the nominal run was made with
  int latest_within = 0;           // years before the period a value may come from
  int replications = 0;            // Monte Carlo runs asked for
  UncertaintyOptions uncertainty;  // and how they were drawn
  Comparability comparability;     // which values can be compared (the framework's rule)
  Selection selection;
  IndexResult result;
  CoherenceReport coherence;
  std::optional<RankStats> monte_carlo;
  std::optional<ScenarioResult> scenarios;
  std::optional<Sensitivity> sensitivity;
  std::optional<FocusProfile> focus;
  std::string since_period;
  std::string since_failed;            // the --since period whose index could not be computed
  Eigen::MatrixXd rank_change;         // units x layout columns, when `since` was given
  ObservationSet observations;         // every value read, all periods (for time series)
  std::vector<DatasetState> datasets;  // harvest dates of the datasets read (database input)
  std::vector<std::string> notes;      // what was left out or could not be done, and why

  // The rank statistics to show: Monte Carlo's, else the scenarios', else none.
  const RankStats* rank_stats() const {
    if (monte_carlo) return &*monte_carlo;
    if (scenarios) return &scenarios->stats;
    return nullptr;
  }
};

Result<BenchmarkOutcome> run_benchmark(const Settings& settings, const BenchmarkRequest& request,
                                       const Log& log);

}  // namespace omvarld
