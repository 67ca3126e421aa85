// Outlier treatment, the JRC/COINr practice, column by column:
//   a column passes when |skewness| < skew_limit OR kurtosis < kurt_limit
//   (e1071 type 2 statistics over its present values);
//   a failing column is winsorised: the most extreme value (with every value
//   tied to it) on the side of the skew is set to the next value inwards,
//   again and again, until the column passes or the block last clipped holds
//   `winmax` points (the two sides' last blocks counted together if the skew
//   changed side, as COINr counts them);
//   if it still fails, the ORIGINAL column is log-transformed instead:
//   log(x - min + 0.01 (max - min)).
// A column with fewer than 4 values or no spread is left as it is (its
// statistics are undefined). Pure.
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace omvarld {

struct OutlierOptions {
  int winmax = 5;
  double skew_limit = 2;
  double kurt_limit = 3.5;
};

struct OutlierRecord {
  Eigen::Index column = 0;
  double skew_before = 0, kurt_before = 0;
  double skew_after = 0, kurt_after = 0;
  int winsorised = 0;  // points in the last clipped block(s), 0 if log-transformed
  bool log_transformed = false;
  bool passes_after = false;
  std::vector<Eigen::Index> rows;  // rows whose value was changed by winsorising
};

struct OutlierResult {
  Eigen::MatrixXd values;
  std::vector<OutlierRecord> treated;  // one per column that failed the first check
};

bool passes_skew_kurtosis(double skew, double kurt, const OutlierOptions& o);
OutlierResult treat_outliers(const Eigen::MatrixXd& x, const OutlierOptions& options = {});

}  // namespace omvarld
