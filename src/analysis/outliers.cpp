#include "analysis/outliers.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/statistics.h"

namespace omvarld {
namespace {

struct Check {
  double skew, kurt;
  bool defined;
};

Check check(const Eigen::VectorXd& col) {
  thread_local std::vector<double> v;  // reused: the check runs once per clip
  v.clear();
  for (Eigen::Index i = 0; i < col.size(); ++i)
    if (!std::isnan(col[i])) v.push_back(col[i]);
  SkewKurtosis sk = skew_kurtosis_type2(v);
  Check c{sk.skew, sk.kurt, true};
  c.defined = !std::isnan(c.skew) && !std::isnan(c.kurt);
  return c;
}

// Sets every value equal to the column's extreme (max if high) to the next
// value inwards; returns the rows changed.
std::vector<Eigen::Index> clip_extreme(Eigen::VectorXd& col, bool high) {
  const double inf = std::numeric_limits<double>::infinity();
  double extreme = high ? -inf : inf;
  for (Eigen::Index i = 0; i < col.size(); ++i)
    if (!std::isnan(col[i])) extreme = high ? std::max(extreme, col[i]) : std::min(extreme, col[i]);
  double next = high ? -inf : inf;
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < col.size(); ++i) {
    if (std::isnan(col[i])) continue;
    if (col[i] == extreme)
      rows.push_back(i);
    else
      next = high ? std::max(next, col[i]) : std::min(next, col[i]);
  }
  if (std::isinf(next)) return {};  // every value is the extreme: nothing to clip to
  for (Eigen::Index i : rows) col[i] = next;
  return rows;
}

}  // namespace

bool passes_skew_kurtosis(double skew, double kurt, const OutlierOptions& o) {
  return std::abs(skew) < o.skew_limit || kurt < o.kurt_limit;
}

OutlierResult treat_outliers(const Eigen::MatrixXd& x, const OutlierOptions& options) {
  OutlierResult result{x, {}};
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    Eigen::VectorXd col = x.col(j);
    Check c = check(col);
    if (!c.defined || passes_skew_kurtosis(c.skew, c.kurt, options)) continue;
    OutlierRecord rec;
    rec.column = j;
    rec.skew_before = c.skew;
    rec.kurt_before = c.kurt;
    std::vector<Eigen::Index> last_high, last_low, changed;
    bool pass = false;
    while (!pass && static_cast<int>(last_high.size() + last_low.size()) < options.winmax) {
      const bool high = c.skew >= 0;
      std::vector<Eigen::Index> rows = clip_extreme(col, high);
      if (rows.empty()) break;
      (high ? last_high : last_low) = rows;
      changed.insert(changed.end(), rows.begin(), rows.end());
      c = check(col);
      pass = c.defined && passes_skew_kurtosis(c.skew, c.kurt, options);
      if (!c.defined) break;
    }
    if (pass) {
      rec.winsorised = static_cast<int>(last_high.size() + last_low.size());
      std::sort(changed.begin(), changed.end());
      changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
      rec.rows = changed;
      result.values.col(j) = col;
    } else {
      // Winsorising did not bring it within the limits: log of the original.
      Eigen::VectorXd orig = x.col(j);
      std::vector<double> v = present_values(orig);
      const double mn = *std::min_element(v.begin(), v.end());
      const double mx = *std::max_element(v.begin(), v.end());
      for (Eigen::Index i = 0; i < orig.size(); ++i)
        if (!std::isnan(orig[i])) orig[i] = std::log(orig[i] - mn + 0.01 * (mx - mn));
      result.values.col(j) = orig;
      rec.log_transformed = true;
      c = check(orig);
    }
    rec.skew_after = c.skew;
    rec.kurt_after = c.kurt;
    rec.passes_after = c.defined && passes_skew_kurtosis(c.skew, c.kurt, options);
    result.treated.push_back(std::move(rec));
  }
  return result;
}

}  // namespace omvarld
