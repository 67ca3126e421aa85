// The benchmark engine: one run of the composite-indicator pipeline with the
// choices an analyst made, every choice recorded with the results.
//
//   denominate -> [screen] -> impute -> [screen, COINr's order] -> treat
//   outliers -> normalise -> weight -> aggregate level by level -> rank
//
// prepare() does the steps that do not vary between Monte Carlo replications
// (denomination, screening); score() does the rest. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/framework.h"
#include "analysis/outliers.h"
#include "analysis/pipeline.h"
#include "core/result.h"

namespace omvarld {

struct EngineOptions {
  // Divide by the denominators the framework declares (and scale by their
  // `per`): what the framework says is what is ranked. false ranks the counts.
  bool denominate = true;
  Imputation impute = Imputation::kNone;
  std::string group_column;      // for group-mean imputation
  double screen_units = 0;       // a unit needs this share of indicators present
  double screen_indicators = 0;  // an indicator needs this share of units present
  // Screen on the imputed data, as COINr's ASEM example does (which then
  // screens out only units imputation could not fill). Default: on the data
  // as observed, so that a unit is not ranked on mostly invented values.
  bool screen_after_impute = false;
  std::optional<OutlierOptions> treat;  // none: no outlier treatment
  NormaliseSpec normalise;
  WeightMethod weights = WeightMethod::kMeta;
  std::map<std::string, double> weight_overrides;  // code -> raw weight (a weight set)
  std::vector<AggregateSpec> aggregate;            // per level from 2; short list repeats
  double min_share = 0;                            // of a parent's children
  double index_min_share = -1;  // of the index's own parts (dimensions); < 0: min_share
};

// What a run did, for the record and the report.
struct RunRecord {
  struct Left {
    std::string code;  // an indicator or unit code
    double share = 0;  // of units (an indicator) or of indicators (a unit) with a value
  };
  std::vector<std::string> choices;             // "normalise = minmax:0,100", ...
  std::vector<std::string> screened_units;      // "BRN (80% of indicators)"
  std::vector<std::string> dropped_indicators;  // "X (no data)", "Y (20% of units)"
  std::vector<Left> screened, dropped;          // the same as data, for reports in any language
  std::vector<std::string> notes;               // anything else worth saying
  std::vector<OutlierRecord> outliers;          // columns are indicator positions
  int imputed_values = 0;
};

struct PreparedData {
  Framework framework;
  FrameworkLayout layout;
  std::vector<std::string> units, names;  // kept units, in input order
  std::vector<Eigen::Index> rows;         // their rows in the input
  Eigen::MatrixXd values;                 // kept units x indicators, denominated; dropped = NaN
  std::vector<std::string> groups;        // group label per kept unit (group-mean)
  RunRecord record;
};

struct IndexResult {
  FrameworkLayout layout;
  std::vector<std::string> units, names;
  std::vector<Eigen::Index> rows;          // rows in the input
  Eigen::MatrixXd raw;                     // kept units x indicators, after denomination
  Eigen::MatrixXd scores;                  // kept units x layout columns (indicators normalised)
  Eigen::MatrixXd ranks;                   // same shape, 1 = best
  std::vector<std::vector<char>> imputed;  // [unit][indicator]
  std::vector<double> weights;             // raw weights used, per layout column
  RunRecord record;
};

Result<PreparedData> prepare(const Framework& f, const UnitData& d, const EngineOptions& o);

// Imputation, treatment, normalisation: the indicator matrix scores are built on.
Result<Eigen::MatrixXd> normalised_indicators(const PreparedData& p, Imputation impute,
                                              const NormaliseSpec& spec,
                                              const std::optional<OutlierOptions>& treat,
                                              RunRecord* record = nullptr);

// Weights per layout column for the options (overrides applied), before PCA.
Result<std::vector<double>> base_weights(const FrameworkLayout& layout, const EngineOptions& o);

// Refuses a normalised matrix that the aggregation cannot take (negative
// values for gmean, hmean, pmean): a clear error instead of NaN scores.
Status check_aggregation_domain(const Eigen::MatrixXd& normalised,
                                const std::vector<AggregateSpec>& specs,
                                const std::string& normalise_text);

Result<IndexResult> score(const PreparedData& p, const EngineOptions& o);
Result<IndexResult> run_index(const Framework& f, const UnitData& d, const EngineOptions& o);

}  // namespace omvarld
