#include "relevance/evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace omvarld {

double Evaluation::recall() const {
  return relevant ? relevant_flagged / static_cast<double>(relevant)
                  : std::numeric_limits<double>::quiet_NaN();
}

double Evaluation::precision() const {
  const int flagged = relevant_flagged + not_relevant_flagged;
  return flagged ? relevant_flagged / static_cast<double>(flagged)
                 : std::numeric_limits<double>::quiet_NaN();
}

Evaluation evaluate(const std::vector<LabelledResult>& results) {
  Evaluation e;
  std::vector<int> pos, neg;  // scores of grade 2 and grade 0
  for (const LabelledResult& r : results) {
    if (r.grade >= 2) {
      ++e.relevant;
      e.relevant_flagged += r.flagged;
      pos.push_back(r.score);
      auto& [flagged, all] = e.recall_by_theme[r.top_theme];
      flagged += r.flagged;
      ++all;
    } else if (r.grade == 1) {
      ++e.possible;
      e.possible_flagged += r.flagged;
    } else {
      ++e.not_relevant;
      e.not_relevant_flagged += r.flagged;
      neg.push_back(r.score);
    }
  }
  if (pos.empty() || neg.empty()) {
    e.auc = std::numeric_limits<double>::quiet_NaN();
    return e;
  }
  // Mann-Whitney by sorting: for each positive, the negatives below it and
  // the ties, counted with two binary searches.
  std::sort(neg.begin(), neg.end());
  double wins = 0;
  for (int s : pos) {
    const auto lo = std::lower_bound(neg.begin(), neg.end(), s);
    const auto hi = std::upper_bound(neg.begin(), neg.end(), s);
    wins += static_cast<double>(lo - neg.begin()) + 0.5 * static_cast<double>(hi - lo);
  }
  e.auc = wins / (static_cast<double>(pos.size()) * static_cast<double>(neg.size()));
  return e;
}

}  // namespace omvarld
