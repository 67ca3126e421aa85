// Stages of the composite-indicator pipeline, each a pure function on Eigen
// matrices (units in rows, indicators in framework order in columns; NaN is
// missing). Options and choices are passed in; nothing is read or written.
//
// So far: denominate, group-mean imputation, screening by data availability,
// min-max normalisation with directions, weighted arithmetic aggregation
// level by level, and ranking. (Outlier treatment, other normalisations and
// aggregations, weighting methods, uncertainty: to come.)
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "analysis/framework.h"
#include "core/result.h"

namespace omvarld {

// Divides each indicator that names a denominator by that data column.
Result<Eigen::MatrixXd> denominate(const Eigen::MatrixXd& x, const Framework& f, const UnitData& d);

// Replaces each missing value by the mean of its indicator among the units of
// the same group (labels per unit). A group with no value for an indicator
// leaves it missing.
Eigen::MatrixXd impute_group_mean(const Eigen::MatrixXd& x,
                                  const std::vector<std::string>& group_of_unit);

// Rows (units) whose share of non-missing values is at least `min_share`.
std::vector<Eigen::Index> units_with_data(const Eigen::MatrixXd& x, double min_share);
Eigen::MatrixXd select_rows(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>& rows);

// Min-max to [lo, hi] per column after multiplying by the direction, so that
// higher is always better. A constant column has no spread: every value
// becomes the midpoint (a decision: it neither helps nor harms anyone).
Eigen::MatrixXd normalise_minmax(const Eigen::MatrixXd& x, const std::vector<int>& directions,
                                 double lo = 0, double hi = 100);

// Scores at every level: columns are the indicators (their normalised values)
// followed by the aggregates in framework order.
struct LevelScores {
  std::vector<std::string> codes;
  std::vector<int> levels;
  Eigen::MatrixXd values;  // units x codes
};

// Weighted arithmetic mean of the children, level by level, weights rescaled
// to sum to 1 within each parent over the children that have a value for the
// unit; an aggregate with no child value is missing.
LevelScores aggregate_arithmetic(const Eigen::MatrixXd& normalised, const Framework& f);

// Ranks, 1 for the highest score; ties share the lowest rank (1, 2, 2, 4);
// a missing score has a missing rank.
Eigen::VectorXd rank_descending(const Eigen::VectorXd& scores);

}  // namespace omvarld
