// Statistical coherence of a framework on its data: do the parts of each
// dimension measure something in common, and does anything pull against it?
// Pure.
#pragma once

#include <string>
#include <vector>

#include "analysis/framework.h"

namespace omvarld {

struct CoherenceFlag {
  std::string a, b;  // codes
  double r = 0;
  std::string kind;  // "redundant" (|r| > 0.9, same parent) or "negative"
};

struct CoherenceReport {
  Eigen::MatrixXd
      correlation;  // layout columns x layout columns, pairwise complete (NaN if undefined)
  std::vector<std::string> alpha_codes;  // aggregates with at least 2 children
  std::vector<double> alpha;             // Cronbach's alpha over their children's scores
  std::vector<CoherenceFlag> flags;
  int skipped_small = 0;  // pairs not flagged for having fewer than min_units units
};

// `scores`: units x layout columns (normalised indicators and aggregates).
// Flags: siblings with |r| > 0.9 (one may be redundant), siblings correlated
// negatively, and children correlated negatively with their own parent.
// Correlations over fewer than `min_units` units with both values are too
// noisy to flag anything (with 5 cities, |r| > 0.8 happens by chance): they
// are kept in the matrix but raise no flag.
CoherenceReport coherence(const Eigen::MatrixXd& scores, const FrameworkLayout& layout,
                          double redundant_above = 0.9, int min_units = 8);

}  // namespace omvarld
