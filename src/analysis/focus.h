// What the results say about one unit (the city in focus, Stockholm by
// default) against its peers, and how positions move over time. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/engine.h"
#include "analysis/uncertainty.h"

namespace omvarld {

// When an indicator's values can be set side by side (the framework's
// `min_cities` and `max_year_gap`, framework_toml.h).
struct ComparabilityRule {
  int min_units = 3;     // known for fewer units: not a strength or weakness ("n = 2")
  int max_year_gap = 3;  // a value more years than this before the indicator's latest is old
};

struct Comparability {
  ComparabilityRule rule;
  std::vector<int> known;              // per indicator: units with an observed (not imputed) value
  std::vector<int> latest_year;        // per indicator: the latest year of those values (0: none)
  std::vector<std::vector<int>> year;  // [unit][indicator] of the result; 0 if none or imputed
  std::vector<std::vector<char>> old;  // [unit][indicator]: year < latest_year - max_year_gap
  bool compared(size_t indicator) const { return known[indicator] >= rule.min_units; }
};

// `periods` is [input row][indicator] (Selection::value_period); the
// result's `rows` index it. Without periods (empty), no value is old.
Comparability comparability(const IndexResult& r,
                            const std::vector<std::vector<std::string>>& periods,
                            const ComparabilityRule& rule);

struct FocusLine {
  std::string code, name;
  int level = 1;
  double score = 0;        // the focus unit's (normalised) score
  double peer_median = 0;  // median over the other units with a score
  double difference = 0;   // score - peer_median
  double rank = 0;
  int ranked = 0;  // units with a score
  int known = 0;   // units with an observed value (indicators; = ranked without comparability)
};

struct FocusProfile {
  std::string unit, name;
  std::vector<FocusLine> lines;       // every column with a score for the unit, layout order
  std::vector<FocusLine> strengths;   // indicators furthest above the peer median (up to 5)
  std::vector<FocusLine> weaknesses;  // furthest below (up to 5)
  // Indicators the unit has that too few units have to compare (known <
  // min_units): never a strength or weakness, in layout order.
  std::vector<FocusLine> not_compared;
};

// nullopt if the unit is not among the results. With `comparability`,
// indicators below its min_units go to not_compared instead.
std::optional<FocusProfile> focus_profile(const IndexResult& r, const std::string& unit,
                                          size_t top = 5,
                                          const Comparability* comparability = nullptr);

// Where a unit stands on the index once the uncertainty is counted: the
// rule the report's headline follows (README, "Reports"). Two units are
// separated when their 90% rank intervals [q05, q95] do not overlap.
//   kSharedFirst  its interval reaches rank 1 and so does another unit's:
//                 they share first place (`shared` lists the others);
//   kClearFirst   nominal rank 1 and separated from every other unit;
//   kSharedLast, kClearLast  the same at the last rank (the number ranked);
//   kPlace        anything else: its nominal rank, its interval, and the
//                 units it is not separated from;
//   kNoIndex      no index score; kNoIntervals: no uncertainty analysis.
// The first that applies wins, in the order above.
enum class Standing {
  kNoIndex,
  kNoIntervals,
  kSharedFirst,
  kClearFirst,
  kSharedLast,
  kClearLast,
  kPlace
};
struct Placing {
  Standing standing = Standing::kNoIndex;
  double rank = 0;  // nominal
  int ranked = 0;   // units with an index score
  double lo = 0, hi = 0;
  std::vector<size_t> shared;         // others sharing first or last place, best first
  std::vector<size_t> not_separated;  // every other unit whose interval overlaps, best first
};
// `ranks`: the nominal ranks on the index (NaN: no score); `stats` may be null.
Placing placing(const Eigen::VectorXd& ranks, const RankStats* stats, size_t unit);

// Compound annual growth rate between two values `years` apart; NaN unless
// both are positive and years > 0.
double cagr(double first, double last, double years);

// Rank change per unit between two runs over the same framework: earlier
// rank minus later rank (positive = moved up), matched by unit code, at the
// layout column `column`. NaN where either run has no rank.
Eigen::VectorXd rank_change(const IndexResult& earlier, const IndexResult& later,
                            Eigen::Index column);

}  // namespace omvarld
