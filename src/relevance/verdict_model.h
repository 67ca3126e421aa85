// A model that learns from officers' verdicts (relevant / not relevant) and
// refines the rules' score: L2-regularised logistic regression over word
// features (title words apart from the rest) and the rules' own score, on
// Eigen sparse matrices. Pure: data in, model and measures out; the caller
// stores them. Deterministic for a given seed.
#pragma once

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace omvarld {

struct Verdict {
  std::string title, topics, summary;
  double rule_score = 0;  // 0-100, from the rules
  bool relevant = false;
};

struct VerdictModelOptions {
  double l2 = 0.001;       // regularisation strength (per example)
  int iterations = 6000;   // full-batch gradient steps
  bool balanced = true;    // weigh the classes equally: relevant verdicts are the rare ones
  int min_word_count = 2;  // words seen fewer times are not features
  int folds = 5;           // for cross-validation
  double threshold = 0.5;  // probability at which an item counts as predicted relevant
  uint64_t seed = 20261128;
};

class VerdictModel {
 public:
  VerdictModel() = default;
  VerdictModel(std::vector<std::string> features, Eigen::VectorXd weights, double bias)
      : features_(std::move(features)), weights_(std::move(weights)), bias_(bias) {}

  // Probability that an officer would call the item relevant.
  double predict(std::string_view title, std::string_view topics, std::string_view summary,
                 double rule_score) const;
  bool empty() const { return features_.empty(); }
  const std::vector<std::string>& features() const { return features_; }
  const Eigen::VectorXd& weights() const { return weights_; }
  double bias() const { return bias_; }
  // The features that push hardest towards "relevant", for people.
  std::vector<std::pair<std::string, double>> strongest(int n) const;

 private:
  std::vector<std::string> features_;  // "t:word" (title), "w:word" (elsewhere), "rules"
  Eigen::VectorXd weights_;
  double bias_ = 0;
};

struct CrossValidation {
  int examples = 0, positives = 0, folds = 0;
  int true_positives = 0, false_positives = 0, false_negatives = 0;
  double precision() const;
  double recall() const;
};

// The fit both models share: L2-regularised logistic regression by full-batch
// gradient descent with step 1/L (never diverges). `y` holds targets in [0, 1]
// (a soft 0.5 is allowed); `balanced` weighs the examples above and below 0.5
// as two equal halves. Deterministic.
struct LogisticFit {
  Eigen::VectorXd weights;
  double bias = 0;
};
LogisticFit fit_logistic(const Eigen::SparseMatrix<double, Eigen::RowMajor>& X,
                         const Eigen::VectorXd& y, const VerdictModelOptions& options);

VerdictModel train_verdict_model(const std::vector<Verdict>& verdicts,
                                 const VerdictModelOptions& options = {});

// Stratified k-fold cross-validation of the whole procedure (vocabulary
// included), predictions pooled over the folds.
CrossValidation cross_validate(const std::vector<Verdict>& verdicts,
                               const VerdictModelOptions& options = {});

}  // namespace omvarld
