// What the results say about one unit (the city in focus, Stockholm by
// default) against its peers, and how positions move over time. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/engine.h"

namespace omvarld {

struct FocusLine {
  std::string code, name;
  int level = 1;
  double score = 0;        // the focus unit's (normalised) score
  double peer_median = 0;  // median over the other units with a score
  double difference = 0;   // score - peer_median
  double rank = 0;
  int ranked = 0;  // units with a score
};

struct FocusProfile {
  std::string unit, name;
  std::vector<FocusLine> lines;       // every column with a score for the unit, layout order
  std::vector<FocusLine> strengths;   // indicators furthest above the peer median (up to 5)
  std::vector<FocusLine> weaknesses;  // furthest below (up to 5)
};

// nullopt if the unit is not among the results.
std::optional<FocusProfile> focus_profile(const IndexResult& r, const std::string& unit,
                                          size_t top = 5);

// Compound annual growth rate between two values `years` apart; NaN unless
// both are positive and years > 0.
double cagr(double first, double last, double years);

// Rank change per unit between two runs over the same framework: earlier
// rank minus later rank (positive = moved up), matched by unit code, at the
// layout column `column`. NaN where either run has no rank.
Eigen::VectorXd rank_change(const IndexResult& earlier, const IndexResult& later,
                            Eigen::Index column);

}  // namespace omvarld
