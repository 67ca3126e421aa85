#include "analysis/focus.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/observations.h"
#include "analysis/statistics.h"

namespace omvarld {

Comparability comparability(const IndexResult& r,
                            const std::vector<std::vector<std::string>>& periods,
                            const ComparabilityRule& rule) {
  Comparability c;
  c.rule = rule;
  const auto n = static_cast<size_t>(r.layout.indicator_count);
  c.known.assign(n, 0);
  c.latest_year.assign(n, 0);
  c.year.assign(r.units.size(), std::vector<int>(n, 0));
  c.old.assign(r.units.size(), std::vector<char>(n, 0));
  for (size_t i = 0; i < r.units.size(); ++i)
    for (size_t j = 0; j < n; ++j) {
      const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
      if (std::isnan(r.raw(ii, jj)) || r.imputed[i][j]) continue;
      ++c.known[j];
      const auto row = static_cast<size_t>(r.rows[i]);
      if (row >= periods.size() || j >= periods[row].size()) continue;
      if (auto y = period_year(periods[row][j])) {
        c.year[i][j] = *y;
        c.latest_year[j] = std::max(c.latest_year[j], *y);
      }
    }
  for (size_t i = 0; i < r.units.size(); ++i)
    for (size_t j = 0; j < n; ++j)
      c.old[i][j] = c.year[i][j] > 0 && c.year[i][j] < c.latest_year[j] - rule.max_year_gap;
  return c;
}

std::optional<FocusProfile> focus_profile(const IndexResult& r, const std::string& unit, size_t top,
                                          const Comparability* comparability) {
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
    l.known = comparability && c < r.layout.indicator_count
                  ? comparability->known[static_cast<size_t>(c)]
                  : l.ranked;
    p.lines.push_back(l);
  }
  std::vector<FocusLine> ind;
  for (size_t k = 0; k < p.lines.size(); ++k) {
    const FocusLine& l = p.lines[k];
    if (l.level != 1) continue;
    if (comparability && l.known < comparability->rule.min_units)
      p.not_compared.push_back(l);
    else
      ind.push_back(l);
  }
  std::stable_sort(ind.begin(), ind.end(), [](const FocusLine& a, const FocusLine& b) {
    return a.difference > b.difference;
  });
  // On the median (to rounding) is neither a strength nor a weakness.
  constexpr double kLevel = 1e-9;
  for (const auto& l : ind)
    if (l.difference > kLevel && p.strengths.size() < top) p.strengths.push_back(l);
  for (auto i = ind.rbegin(); i != ind.rend(); ++i)
    if (i->difference < -kLevel && p.weaknesses.size() < top) p.weaknesses.push_back(*i);
  return p;
}

Placing placing(const Eigen::VectorXd& ranks, const RankStats* stats, size_t unit) {
  Placing p;
  const auto u = static_cast<Eigen::Index>(unit);
  const Eigen::Index n = ranks.size();
  p.ranked = static_cast<int>(n - ranks.array().isNaN().count());
  if (u >= n || std::isnan(ranks[u])) return p;
  p.rank = ranks[u];
  if (!stats || stats->q05.size() != n || !std::isfinite(stats->q05[u])) {
    p.standing = Standing::kNoIntervals;
    return p;
  }
  p.lo = stats->q05[u];
  p.hi = stats->q95[u];
  const double last = p.ranked;
  // The others, best nominal rank first.
  std::vector<size_t> others;
  for (Eigen::Index i = 0; i < n; ++i)
    if (i != u && !std::isnan(ranks[i]) && std::isfinite(stats->q05[i]))
      others.push_back(static_cast<size_t>(i));
  std::stable_sort(others.begin(), others.end(), [&](size_t a, size_t b) {
    return ranks[static_cast<Eigen::Index>(a)] < ranks[static_cast<Eigen::Index>(b)];
  });
  std::vector<size_t> first, at_last;
  for (size_t o : others) {
    const double lo = stats->q05[static_cast<Eigen::Index>(o)],
                 hi = stats->q95[static_cast<Eigen::Index>(o)];
    if (lo <= p.hi && p.lo <= hi) p.not_separated.push_back(o);
    if (lo <= 1) first.push_back(o);
    if (hi >= last) at_last.push_back(o);
  }
  if (p.lo <= 1 && !first.empty()) {
    p.standing = Standing::kSharedFirst;
    p.shared = first;
  } else if (p.rank == 1 && p.not_separated.empty()) {
    p.standing = Standing::kClearFirst;
  } else if (p.hi >= last && !at_last.empty()) {
    p.standing = Standing::kSharedLast;
    p.shared = at_last;
  } else if (p.rank == last && p.not_separated.empty()) {
    p.standing = Standing::kClearLast;
  } else {
    p.standing = Standing::kPlace;
  }
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
