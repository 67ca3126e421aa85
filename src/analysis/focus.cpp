#include "analysis/focus.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/statistics.h"

namespace omvarld {

std::optional<FocusProfile> focus_profile(const IndexResult& r, const std::string& unit,
                                          size_t top) {
  auto it = std::find(r.units.begin(), r.units.end(), unit);
  if (it == r.units.end()) return std::nullopt;
  const auto row = static_cast<Eigen::Index>(it - r.units.begin());
  FocusProfile p;
  p.unit = unit;
  p.name = r.names[static_cast<size_t>(row)];
  for (Eigen::Index c = 0; c < r.scores.cols(); ++c) {
    const double mine = r.scores(row, c);
    if (std::isnan(mine)) continue;
    std::vector<double> peers;
    for (Eigen::Index i = 0; i < r.scores.rows(); ++i)
      if (i != row && !std::isnan(r.scores(i, c))) peers.push_back(r.scores(i, c));
    if (peers.empty()) continue;
    FocusLine l;
    l.code = r.layout.codes[static_cast<size_t>(c)];
    l.name = r.layout.names[static_cast<size_t>(c)];
    l.level = r.layout.levels[static_cast<size_t>(c)];
    l.score = mine;
    l.peer_median = median_of(peers);
    l.difference = mine - l.peer_median;
    l.rank = r.ranks(row, c);
    l.ranked = static_cast<int>(peers.size()) + 1;
    p.lines.push_back(l);
  }
  std::vector<FocusLine> ind;
  for (const auto& l : p.lines)
    if (l.level == 1) ind.push_back(l);
  std::stable_sort(ind.begin(), ind.end(), [](const FocusLine& a, const FocusLine& b) {
    return a.difference > b.difference;
  });
  for (const auto& l : ind)
    if (l.difference > 0 && p.strengths.size() < top) p.strengths.push_back(l);
  for (auto i = ind.rbegin(); i != ind.rend(); ++i)
    if (i->difference < 0 && p.weaknesses.size() < top) p.weaknesses.push_back(*i);
  return p;
}

double cagr(double first, double last, double years) {
  if (!(first > 0) || !(last > 0) || !(years > 0)) return std::numeric_limits<double>::quiet_NaN();
  return std::pow(last / first, 1 / years) - 1;
}

Eigen::VectorXd rank_change(const IndexResult& earlier, const IndexResult& later,
                            Eigen::Index column) {
  Eigen::VectorXd out = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(later.units.size()),
                                                  std::numeric_limits<double>::quiet_NaN());
  for (size_t i = 0; i < later.units.size(); ++i) {
    auto it = std::find(earlier.units.begin(), earlier.units.end(), later.units[i]);
    if (it == earlier.units.end()) continue;
    const auto e = static_cast<Eigen::Index>(it - earlier.units.begin());
    out[static_cast<Eigen::Index>(i)] =
        earlier.ranks(e, column) - later.ranks(static_cast<Eigen::Index>(i), column);
  }
  return out;
}

}  // namespace omvarld
