#include "analysis/coherence.h"

#include <cmath>

#include "analysis/statistics.h"

namespace omvarld {

namespace {
int both_present(const Eigen::MatrixXd& s, Eigen::Index a, Eigen::Index b) {
  int n = 0;
  for (Eigen::Index i = 0; i < s.rows(); ++i) n += !std::isnan(s(i, a)) && !std::isnan(s(i, b));
  return n;
}
}  // namespace

CoherenceReport coherence(const Eigen::MatrixXd& scores, const FrameworkLayout& layout,
                          double redundant_above, int min_units) {
  CoherenceReport rep;
  const Eigen::Index c = scores.cols();
  rep.correlation = Eigen::MatrixXd::Identity(c, c);
  for (Eigen::Index a = 0; a < c; ++a)
    for (Eigen::Index b = a + 1; b < c; ++b)
      rep.correlation(a, b) = rep.correlation(b, a) = pearson(scores.col(a), scores.col(b));
  for (const auto& node : layout.aggregates) {
    const auto& kids = node.children;
    if (kids.size() >= 2) {
      Eigen::MatrixXd items(scores.rows(), static_cast<Eigen::Index>(kids.size()));
      for (size_t k = 0; k < kids.size(); ++k)
        items.col(static_cast<Eigen::Index>(k)) = scores.col(kids[k]);
      rep.alpha_codes.push_back(layout.codes[static_cast<size_t>(node.column)]);
      rep.alpha.push_back(cronbach_alpha(items));
    }
    for (size_t x = 0; x < kids.size(); ++x) {
      const double rp = rep.correlation(kids[x], node.column);
      if (both_present(scores, kids[x], node.column) < min_units) {
        rep.skipped_small += !std::isnan(rp);
        continue;
      }
      if (rp < 0)
        rep.flags.push_back({layout.codes[static_cast<size_t>(kids[x])],
                             layout.codes[static_cast<size_t>(node.column)], rp, "negative"});
      for (size_t y = x + 1; y < kids.size(); ++y) {
        const double r = rep.correlation(kids[x], kids[y]);
        if (std::isnan(r)) continue;
        if (both_present(scores, kids[x], kids[y]) < min_units) {
          ++rep.skipped_small;
          continue;
        }
        const std::string& a = layout.codes[static_cast<size_t>(kids[x])];
        const std::string& b = layout.codes[static_cast<size_t>(kids[y])];
        if (std::abs(r) > redundant_above) rep.flags.push_back({a, b, r, "redundant"});
        if (r < 0) rep.flags.push_back({a, b, r, "negative"});
      }
    }
  }
  return rep;
}

}  // namespace omvarld
