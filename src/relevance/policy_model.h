// The policy model: a logistic regression trained on the policy labels
// (feeds/labelled/, RELEVANCE-POLICY.md grades, dev split only) and used
// beside the rules, so that wording the rules never listed can still land.
// Features are the English Snowball stems of an item's words ("s:cycl"), the
// same whichever field they stand in, so a Parliament vote's title reads like
// a consultation's title and topic, and the programme parts of a call's
// identifier ("p:life", "p:life-sap", "p:horizon-cl5").
//
// The shipped weights are feeds/relevance_model.tsv (a text file an officer
// can read: one feature and its weight a line), made by
// tests/relevance/policy_model_test.cpp from the labelled items' recorded
// texts (dev split only) and the policy's own words (each sentence of a
// committee's remit in feeds/committees.toml as relevant, the areas
// RELEVANCE-POLICY.md says rarely concern a city as not); the binary reads
// only that file. Pure; a PolicyModel is immutable and may be shared between
// threads; training is deterministic.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "relevance/stemmer.h"
#include "relevance/verdict_model.h"

namespace omvarld {

struct PolicyModel {
  double bias = 0;
  std::unordered_map<std::string, double> weights;  // "s:stem" or "p:programme" -> weight
  bool empty() const { return weights.empty(); }
};

// One labelled item for training: its texts and how relevant it is, 1 for
// clearly relevant, 0 for not, 0.5 for possibly.
struct PolicyExample {
  std::string title, topics, summary, identifiers;
  double target = 0;
};

struct PolicyModelOptions {
  double l2 = 0.001;         // regularisation (per example); chosen on the dev split, 5-fold
  int iterations = 4000;     // full-batch gradient steps
  int min_count = 2;         // features seen in fewer items are left out
  double min_weight = 1e-3;  // |weight| below this is not written to the file
};

// The sorted, unique features of an item. `stemmer` is English.
std::vector<std::string> policy_features(std::string_view title, std::string_view topics,
                                         std::string_view summary, std::string_view identifiers,
                                         const Stemmer& stemmer);

// The programme features of one identifier ("HORIZON-CL5-2026-D6-01" ->
// "p:horizon", "p:horizon-cl5", "p:horizon-cl5-d6": its first three parts
// that are not numbers, lower-cased), appended to `out`.
void programme_features(std::string_view identifier, std::vector<std::string>& out);

// Is a word a feature at all (3 bytes or more, not only digits)?
bool policy_word(std::string_view word);

PolicyModel train_policy_model(const std::vector<PolicyExample>& examples,
                               const PolicyModelOptions& options = {});

// Probability of "clearly relevant" for the item's features.
double policy_probability(const PolicyModel& model, const std::vector<std::string>& features);

// The file: '#' comments, then "bias<TAB>value" and "feature<TAB>weight"
// lines. `name` names the file in errors.
Result<PolicyModel> parse_policy_model(std::string_view text, const std::string& name);
// Features sorted by name; `header` lines are written as comments.
std::string format_policy_model(const PolicyModel& model, const std::string& header,
                                double min_weight = 1e-3);

}  // namespace omvarld
