#include "analysis/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace omvarld {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sums of the 2nd, 3rd and 4th powers of deviations from the mean.
struct Moments {
  double n = 0, m2 = 0, m3 = 0, m4 = 0;
};
Moments moments(std::span<const double> v) {
  Moments m;
  m.n = static_cast<double>(v.size());
  const double mu = mean_of(v);
  for (double x : v) {
    const double d = x - mu, d2 = d * d;
    m.m2 += d2;
    m.m3 += d2 * d;
    m.m4 += d2 * d2;
  }
  return m;
}
}  // namespace

std::vector<double> present_values(const Eigen::Ref<const Eigen::VectorXd>& x) {
  std::vector<double> out;
  out.reserve(static_cast<size_t>(x.size()));
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i])) out.push_back(x[i]);
  return out;
}

double mean_of(std::span<const double> v) {
  if (v.empty()) return kNaN;
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

double median_of(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  return quantile_type7_sorted(v, 0.5);
}

double sd_of(std::span<const double> v) {
  if (v.size() < 2) return kNaN;
  return std::sqrt(moments(v).m2 / static_cast<double>(v.size() - 1));
}

double skewness_type2(std::span<const double> v) {
  if (v.size() < 3) return kNaN;
  const Moments m = moments(v);
  if (m.m2 == 0) return kNaN;
  const double n = m.n;
  const double g1 = std::sqrt(n) * m.m3 / std::pow(m.m2, 1.5);
  return g1 * std::sqrt(n * (n - 1)) / (n - 2);
}

double kurtosis_type2(std::span<const double> v) {
  if (v.size() < 4) return kNaN;
  const Moments m = moments(v);
  if (m.m2 == 0) return kNaN;
  const double n = m.n;
  const double r = n * m.m4 / (m.m2 * m.m2);
  return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3));
}

SkewKurtosis skew_kurtosis_type2(std::span<const double> v) {
  SkewKurtosis out{kNaN, kNaN};
  if (v.size() < 3) return out;
  const Moments m = moments(v);
  if (m.m2 == 0) return out;
  const double n = m.n;
  out.skew = std::sqrt(n) * m.m3 / std::pow(m.m2, 1.5) * std::sqrt(n * (n - 1)) / (n - 2);
  if (v.size() >= 4) {
    const double r = n * m.m4 / (m.m2 * m.m2);
    out.kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3));
  }
  return out;
}

double quantile_type7_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) return kNaN;
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double pearson(const Eigen::Ref<const Eigen::VectorXd>& a,
               const Eigen::Ref<const Eigen::VectorXd>& b) {
  double n = 0, sa = 0, sb = 0;
  for (Eigen::Index i = 0; i < a.size(); ++i)
    if (!std::isnan(a[i]) && !std::isnan(b[i])) n += 1, sa += a[i], sb += b[i];
  if (n < 3) return kNaN;
  const double ma = sa / n, mb = sb / n;
  double saa = 0, sbb = 0, sab = 0;
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) || std::isnan(b[i])) continue;
    const double da = a[i] - ma, db = b[i] - mb;
    saa += da * da;
    sbb += db * db;
    sab += da * db;
  }
  if (saa == 0 || sbb == 0) return kNaN;
  return sab / std::sqrt(saa * sbb);
}

double cronbach_alpha(const Eigen::MatrixXd& items) {
  const Eigen::Index k = items.cols();
  if (k < 2) return kNaN;
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < items.rows(); ++i)
    if (!items.row(i).array().isNaN().any()) rows.push_back(i);
  if (rows.size() < 3) return kNaN;
  auto variance = [&](auto value_of) {
    std::vector<double> v;
    for (Eigen::Index i : rows) v.push_back(value_of(i));
    const double s = sd_of(v);
    return s * s;
  };
  double item_var = 0;
  for (Eigen::Index j = 0; j < k; ++j)
    item_var += variance([&](Eigen::Index i) { return items(i, j); });
  const double total_var = variance([&](Eigen::Index i) { return items.row(i).sum(); });
  if (total_var == 0) return kNaN;
  const double kd = static_cast<double>(k);
  return kd / (kd - 1) * (1 - item_var / total_var);
}

}  // namespace omvarld
