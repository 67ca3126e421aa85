// Stages of the composite-indicator pipeline, each a pure function on Eigen
// matrices: units in rows, indicators (or, after aggregation, every framework
// column: see FrameworkLayout) in columns, NaN for missing. Options are passed
// in; nothing is read or written. The engine (engine.h) chains them.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/framework.h"
#include "core/result.h"

namespace omvarld {

// ---- Denomination ---------------------------------------------------------
// Divides each indicator that names a denominator by that data column and
// multiplies by its `per` (1000: per 1,000 of the denominator); a zero or
// missing denominator gives a missing value.
Result<Eigen::MatrixXd> denominate(const Eigen::MatrixXd& x, const Framework& f, const UnitData& d);

// ---- Imputation -----------------------------------------------------------
// kLatest and kLinear work over time and happen when the data are selected
// (observations.h); here they leave the matrix as it is.
enum class Imputation { kNone, kMean, kMedian, kGroupMean, kLatest, kLinear };
Result<Imputation> parse_imputation(std::string_view text);
const char* to_string(Imputation m);

// Replaces each missing value by its indicator's mean (or median) over the
// units that have it; kGroupMean uses only the units of the same group
// (`group_of_unit`, required for it). A column (or group) with no value stays
// missing.
Eigen::MatrixXd impute(const Eigen::MatrixXd& x, Imputation method,
                       const std::vector<std::string>& group_of_unit = {});
Eigen::MatrixXd impute_group_mean(const Eigen::MatrixXd& x,
                                  const std::vector<std::string>& group_of_unit);

// ---- Screening ------------------------------------------------------------
// Rows (units) whose share of present values is at least `min_share`.
std::vector<Eigen::Index> units_with_data(const Eigen::MatrixXd& x, double min_share);
// Columns (indicators) whose share of present values is at least `min_share`.
std::vector<Eigen::Index> indicators_with_data(const Eigen::MatrixXd& x, double min_share);
Eigen::MatrixXd select_rows(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>& rows);

// ---- Normalisation --------------------------------------------------------
// Every method respects directions: after it, higher is better.
//   minmax:LO,HI   (x - min) / (max - min) to [LO, HI]; default 0,100. A
//                  constant column gets the midpoint (it neither helps nor harms).
//   zscore:M,S     M + S (x - mean) / sd (sample sd); default 0,1. Constant: M.
//   rank           1 for the worst .. n for the best, ties averaged.
//   percentile     0 for the worst .. 100 for the best, (rank - 1) / (n - 1).
//   goalposts:LO,HI  LO..HI between the indicator's Worst and Best, clipped
//                  (both must be given in the framework); default 0,100.
//   target:LO,HI   LO..HI from the worst value present to the indicator's
//                  Target, clipped at the target; default 0,100.
//   best           100 x / best for higher-is-better, 100 best / x for lower;
//                  needs positive values.
enum class NormaliseMethod { kMinMax, kZScore, kRank, kPercentile, kGoalposts, kTarget, kBest };
struct NormaliseSpec {
  NormaliseMethod method = NormaliseMethod::kMinMax;
  double a = 0, b = 100;
  std::string text() const;  // the spec in the form parse_normalise_spec reads
};
Result<NormaliseSpec> parse_normalise_spec(std::string_view text);

// Errors (kUsage) name the indicator when a method's reference values are
// missing or its values are not positive where they must be.
Result<Eigen::MatrixXd> normalise(const Eigen::MatrixXd& x, const Framework& f,
                                  const NormaliseSpec& spec);
Eigen::MatrixXd normalise_minmax(const Eigen::MatrixXd& x, const std::vector<int>& directions,
                                 double lo = 0, double hi = 100);

// ---- Aggregation ----------------------------------------------------------
//   amean          weighted arithmetic mean
//   gmean          weighted geometric mean (values must be >= 0; a zero child
//                  gives zero, the limit of the product)
//   hmean          weighted harmonic mean (>= 0; a zero child gives zero)
//   pmean:P        generalised (power) mean of order P (P = 1 amean, -1 hmean)
//   copeland       non-compensatory: for each pair of units, the one ahead on
//                  more weight of the children wins; score = wins - losses
// Weights are rescaled within each parent over the children present for the
// unit. A score exists only when the share of children present (by count) is
// at least `min_share` (and always needs one child); the index itself (the
// layout's top column) needs `index_min_share` instead when that is >= 0.
enum class AggregateMethod { kArithmetic, kGeometric, kHarmonic, kPower, kCopeland };
struct AggregateSpec {
  AggregateMethod method = AggregateMethod::kArithmetic;
  double power = 1;
  std::string text() const;
};
Result<AggregateSpec> parse_aggregate_spec(std::string_view text);

struct LevelScores {
  std::vector<std::string> codes;
  std::vector<int> levels;
  Eigen::MatrixXd values;  // units x layout columns
};

// `by_level[k]` is the method for level k + 2; a short list repeats its last.
LevelScores aggregate(const Eigen::MatrixXd& normalised, const FrameworkLayout& layout,
                      const std::vector<double>& weights,
                      const std::vector<AggregateSpec>& by_level, double min_share = 0,
                      double index_min_share = -1);
// The same, in place: `values` (units x layout columns) holds the indicator
// columns; the aggregate columns are (over)written. Saves a copy per call in
// Monte Carlo loops.
void aggregate_columns(Eigen::MatrixXd& values, const FrameworkLayout& layout,
                       const std::vector<double>& weights,
                       const std::vector<AggregateSpec>& by_level, double min_share = 0,
                       double index_min_share = -1);
// COINr's default: arithmetic mean with the framework's weights.
LevelScores aggregate_arithmetic(const Eigen::MatrixXd& normalised, const Framework& f);

// ---- Weighting ------------------------------------------------------------
//   meta   the framework's weights
//   equal  1 for every child
//   pca    per aggregate, the squared loadings of the first principal
//          component of its children's correlation matrix (they sum to 1, and
//          an inverted child still counts), level by level on the scores the
//          level below produced; equal weights where PCA is undefined (one
//          child, fewer than 3 complete units).
enum class WeightMethod { kMeta, kEqual, kPca };
Result<WeightMethod> parse_weight_method(std::string_view text);
const char* to_string(WeightMethod m);
std::vector<double> weights_for(const FrameworkLayout& layout, WeightMethod m);
std::vector<double> pca_weights(const Eigen::MatrixXd& normalised, const FrameworkLayout& layout,
                                const std::vector<AggregateSpec>& by_level, double min_share,
                                double index_min_share = -1);

// ---- Ranking --------------------------------------------------------------
// 1 for the highest; ties share the lowest rank (1, 2, 2, 4); missing stays missing.
Eigen::VectorXd rank_descending(const Eigen::VectorXd& scores);
// The same over `n` contiguous scores into `ranks`, without allocating.
void rank_descending(const double* scores, Eigen::Index n, double* ranks);

}  // namespace omvarld
