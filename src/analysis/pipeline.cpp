#include "analysis/pipeline.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace omvarld {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

Result<Eigen::MatrixXd> denominate(const Eigen::MatrixXd& x, const Framework& f,
                                   const UnitData& d) {
  Eigen::MatrixXd out = x;
  for (size_t j = 0; j < f.indicators.size(); ++j) {
    const std::string& den = f.indicators[j].denominator;
    if (den.empty()) continue;
    auto it = d.denominators.find(den);
    if (it == d.denominators.end())
      return make_error(ErrorKind::kUsage, "indicator " + f.indicators[j].code +
                                               " names denominator " + den +
                                               ", which the data does not have");
    // A zero or missing denominator gives a missing value, not an infinity.
    for (Eigen::Index i = 0; i < out.rows(); ++i) {
      double v = it->second[i];
      out(i, static_cast<Eigen::Index>(j)) =
          v != 0 && !std::isnan(v) ? out(i, static_cast<Eigen::Index>(j)) / v : kNaN;
    }
  }
  return out;
}

Eigen::MatrixXd impute_group_mean(const Eigen::MatrixXd& x,
                                  const std::vector<std::string>& group_of_unit) {
  Eigen::MatrixXd out = x;
  std::map<std::string, std::vector<Eigen::Index>> members;
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    members[group_of_unit[static_cast<size_t>(i)]].push_back(i);
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    for (const auto& [group, rows] : members) {
      double sum = 0;
      int n = 0;
      for (Eigen::Index i : rows)
        if (!std::isnan(x(i, j))) sum += x(i, j), ++n;
      if (n == 0) continue;
      for (Eigen::Index i : rows)
        if (std::isnan(x(i, j))) out(i, j) = sum / n;
    }
  return out;
}

std::vector<Eigen::Index> units_with_data(const Eigen::MatrixXd& x, double min_share) {
  std::vector<Eigen::Index> keep;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    Eigen::Index present = 0;
    for (Eigen::Index j = 0; j < x.cols(); ++j) present += !std::isnan(x(i, j));
    if (x.cols() == 0 || static_cast<double>(present) / static_cast<double>(x.cols()) >= min_share)
      keep.push_back(i);
  }
  return keep;
}

Eigen::MatrixXd select_rows(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (size_t k = 0; k < rows.size(); ++k) out.row(static_cast<Eigen::Index>(k)) = x.row(rows[k]);
  return out;
}

Eigen::MatrixXd normalise_minmax(const Eigen::MatrixXd& x, const std::vector<int>& directions,
                                 double lo, double hi) {
  Eigen::MatrixXd out(x.rows(), x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const double dir = directions[static_cast<size_t>(j)] < 0 ? -1.0 : 1.0;
    double mn = std::numeric_limits<double>::infinity(), mx = -mn;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      double v = x(i, j) * dir;
      if (std::isnan(v)) continue;
      mn = std::min(mn, v);
      mx = std::max(mx, v);
    }
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      double v = x(i, j) * dir;
      if (std::isnan(v))
        out(i, j) = kNaN;
      else if (mx > mn)
        out(i, j) = lo + (v - mn) / (mx - mn) * (hi - lo);
      else
        out(i, j) = (lo + hi) / 2;
    }
  }
  return out;
}

LevelScores aggregate_arithmetic(const Eigen::MatrixXd& normalised, const Framework& f) {
  LevelScores s;
  const Eigen::Index n = normalised.rows();
  const Eigen::Index m = static_cast<Eigen::Index>(f.indicators.size());
  const Eigen::Index a = static_cast<Eigen::Index>(f.aggregates.size());
  s.values = Eigen::MatrixXd::Constant(n, m + a, kNaN);
  s.values.leftCols(m) = normalised;
  std::map<std::string, Eigen::Index> column;
  std::vector<const FrameworkNode*> nodes;
  for (const auto& ind : f.indicators) nodes.push_back(&ind);
  for (const auto& agg : f.aggregates) nodes.push_back(&agg);
  for (Eigen::Index c = 0; c < m + a; ++c) {
    column[nodes[static_cast<size_t>(c)]->code] = c;
    s.codes.push_back(nodes[static_cast<size_t>(c)]->code);
    s.levels.push_back(nodes[static_cast<size_t>(c)]->level);
  }
  for (int level = 2; level <= f.top_level(); ++level) {
    for (const auto& agg : f.aggregates) {
      if (agg.level != level) continue;
      std::vector<std::pair<Eigen::Index, double>> children;
      for (const FrameworkNode* node : nodes)
        if (node->parent == agg.code) children.emplace_back(column[node->code], node->weight);
      const Eigen::Index target = column[agg.code];
      for (Eigen::Index i = 0; i < n; ++i) {
        double sum = 0, wsum = 0;
        for (const auto& [c, w] : children) {
          double v = s.values(i, c);
          if (std::isnan(v)) continue;
          sum += w * v;
          wsum += w;
        }
        s.values(i, target) = wsum > 0 ? sum / wsum : kNaN;
      }
    }
  }
  return s;
}

Eigen::VectorXd rank_descending(const Eigen::VectorXd& scores) {
  Eigen::VectorXd ranks = Eigen::VectorXd::Constant(scores.size(), kNaN);
  for (Eigen::Index i = 0; i < scores.size(); ++i) {
    if (std::isnan(scores[i])) continue;
    int higher = 0;
    for (Eigen::Index k = 0; k < scores.size(); ++k)
      higher += !std::isnan(scores[k]) && scores[k] > scores[i];
    ranks[i] = higher + 1;
  }
  return ranks;
}

}  // namespace omvarld
