// Descriptive statistics for the benchmark engine, defined as the reference
// implementations define them so that results can be compared:
//   skewness, kurtosis: R's e1071 type 2 (Excel's SKEW and KURT, excess kurtosis);
//   quantile: R's default, type 7 (linear interpolation between order statistics).
// Every function ignores NaN (missing) and returns NaN when the statistic is
// undefined (too few values, no spread). Pure.
#pragma once

#include <Eigen/Dense>
#include <span>
#include <vector>

namespace omvarld {

// The non-missing values of a column.
std::vector<double> present_values(const Eigen::Ref<const Eigen::VectorXd>& x);

double mean_of(std::span<const double> v);
double median_of(std::vector<double> v);
// Sample standard deviation (n - 1).
double sd_of(std::span<const double> v);

// e1071 type 2; NaN below 3 (skewness) or 4 (kurtosis) values or with no spread.
double skewness_type2(std::span<const double> v);
double kurtosis_type2(std::span<const double> v);

// Both at once, in one pass over the deviations (the outlier check needs both).
struct SkewKurtosis {
  double skew, kurt;
};
SkewKurtosis skew_kurtosis_type2(std::span<const double> v);

// R's quantile(type = 7) of values already sorted ascending; p in [0, 1].
double quantile_type7_sorted(std::span<const double> sorted, double p);

// Pearson correlation over the rows where both are present; NaN below 3 such
// rows or when either has no spread.
double pearson(const Eigen::Ref<const Eigen::VectorXd>& a,
               const Eigen::Ref<const Eigen::VectorXd>& b);

// Cronbach's alpha of the columns (items) over the rows where all are present:
// k / (k - 1) * (1 - sum of item variances / variance of the row sums).
// NaN with fewer than 2 columns or 3 complete rows.
double cronbach_alpha(const Eigen::MatrixXd& items);

}  // namespace omvarld
