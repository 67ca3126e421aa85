// Learning from the officers' verdicts: the workflow behind `omvarld flags
// train`. Rescores every stored item with the rules (so each verdict carries
// the rules' current score), cross-validates and trains the verdict model,
// stores it, and rescores again so every item has the model's probability
// beside the rules' score.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "relevance/relevance.h"
#include "relevance/verdict_model.h"
#include "store/store.h"

namespace omvarld {

struct TrainingOutcome {
  std::size_t verdicts = 0;  // verdicts learned from
  int relevant = 0;          // of which relevant (relevant, responded)
  CrossValidation cv;
  std::vector<std::pair<std::string, double>> strongest;  // the 10 strongest features
};

// kUsage Error, saying how many of each kind there are and how to record
// more, when fewer than `min_verdicts` verdicts of either kind exist; the
// model stored before is then kept.
Result<TrainingOutcome> train_from_verdicts(Store& store, const RelevanceScorer& scorer,
                                            int min_verdicts, Clock& clock);

}  // namespace omvarld
