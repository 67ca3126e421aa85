#include "relevance/verdict_model.h"

#include <Eigen/Sparse>
#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

#include "relevance/relevance.h"

namespace omvarld {
namespace {

// The features of one item, as sorted unique names (the rules' score apart).
std::vector<std::string> words_of(std::string_view title, std::string_view topics,
                                  std::string_view summary) {
  std::set<std::string> out;
  for (const std::string& w : tokenize(title))
    if (w.size() > 2) out.insert("t:" + w);
  for (std::string_view text : {topics, summary})
    for (const std::string& w : tokenize(text))
      if (w.size() > 2) out.insert("w:" + w);
  return std::vector<std::string>(out.begin(), out.end());
}

double sigmoid(double z) {
  return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z));
}

}  // namespace

double VerdictModel::predict(std::string_view title, std::string_view topics,
                             std::string_view summary, double rule_score) const {
  if (features_.empty()) return 0.5;
  double z = bias_;
  for (const std::string& f : words_of(title, topics, summary)) {
    auto it =
        std::lower_bound(features_.begin(), features_.end() - 1, f);  // the last feature is "rules"
    if (it != features_.end() - 1 && *it == f) z += weights_[it - features_.begin()];
  }
  z += weights_[static_cast<Eigen::Index>(features_.size()) - 1] * rule_score / 100.0;
  return sigmoid(z);
}

std::vector<std::pair<std::string, double>> VerdictModel::strongest(int n) const {
  std::vector<std::pair<std::string, double>> all;
  for (size_t i = 0; i < features_.size(); ++i)
    all.emplace_back(features_[i], weights_[static_cast<Eigen::Index>(i)]);
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  if (static_cast<int>(all.size()) > n) all.resize(static_cast<size_t>(n));
  return all;
}

double CrossValidation::precision() const {
  int flagged = true_positives + false_positives;
  return flagged ? double(true_positives) / flagged : 0;
}

double CrossValidation::recall() const {
  int relevant = true_positives + false_negatives;
  return relevant ? double(true_positives) / relevant : 0;
}

VerdictModel train_verdict_model(const std::vector<Verdict>& verdicts,
                                 const VerdictModelOptions& o) {
  if (verdicts.empty()) return VerdictModel();
  // Vocabulary: words seen at least min_word_count times; then "rules" last.
  std::vector<std::vector<std::string>> item_words;
  std::map<std::string, int> counts;
  for (const Verdict& v : verdicts) {
    item_words.push_back(words_of(v.title, v.topics, v.summary));
    for (const auto& w : item_words.back()) counts[w]++;
  }
  std::vector<std::string> features;
  for (const auto& [w, c] : counts)
    if (c >= o.min_word_count) features.push_back(w);  // std::map keeps them sorted
  std::unordered_map<std::string, int> index;
  for (size_t i = 0; i < features.size(); ++i) index[features[i]] = static_cast<int>(i);
  const int rules_col = static_cast<int>(features.size());
  features.push_back("rules");

  const int n = static_cast<int>(verdicts.size());
  const int d = static_cast<int>(features.size());
  std::vector<Eigen::Triplet<double>> triplets;
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    for (const auto& w : item_words[static_cast<size_t>(i)]) {
      auto it = index.find(w);
      if (it != index.end()) triplets.emplace_back(i, it->second, 1.0);
    }
    triplets.emplace_back(i, rules_col, verdicts[static_cast<size_t>(i)].rule_score / 100.0);
    y[i] = verdicts[static_cast<size_t>(i)].relevant ? 1.0 : 0.0;
  }
  Eigen::SparseMatrix<double, Eigen::RowMajor> X(n, d);
  X.setFromTriplets(triplets.begin(), triplets.end());
  LogisticFit fit = fit_logistic(X, y, o);
  return VerdictModel(std::move(features), std::move(fit.weights), fit.bias);
}

LogisticFit fit_logistic(const Eigen::SparseMatrix<double, Eigen::RowMajor>& X,
                         const Eigen::VectorXd& y, const VerdictModelOptions& o) {
  const int n = static_cast<int>(X.rows());
  const int d = static_cast<int>(X.cols());

  // Step size 1/L with L = 0.25 * lambda_max(X'X)/n + l2 (+ the bias term),
  // lambda_max by power iteration: gradient descent then never diverges.
  Eigen::VectorXd v = Eigen::VectorXd::Ones(d).normalized();
  double lambda = 1;
  for (int k = 0; k < 30; ++k) {
    Eigen::VectorXd w = X.transpose() * (X * v);
    lambda = w.norm();
    if (lambda == 0) break;
    v = w / lambda;
  }
  // Class weights: each class carries half of the loss when balanced.
  Eigen::VectorXd sw = Eigen::VectorXd::Ones(n);
  if (o.balanced) {
    double pos = 0;
    for (int i = 0; i < n; ++i) pos += y[i] > 0.5 ? 1 : 0;
    const double neg = n - pos;
    if (pos > 0 && neg > 0)
      for (int i = 0; i < n; ++i) sw[i] = y[i] > 0.5 ? n / (2 * pos) : n / (2 * neg);
  }
  const double L = 0.25 * sw.maxCoeff() * (lambda / n + 1.0) + o.l2;
  const double step = 1.0 / L;

  Eigen::VectorXd beta = Eigen::VectorXd::Zero(d);
  double bias = 0;
  for (int it = 0; it < o.iterations; ++it) {
    Eigen::VectorXd z = (X * beta).array() + bias;
    Eigen::VectorXd p = z.unaryExpr([](double t) { return sigmoid(t); });
    Eigen::VectorXd r = (p - y).cwiseProduct(sw);
    Eigen::VectorXd grad = X.transpose() * r / n + o.l2 * beta;
    beta -= step * grad;
    bias -= step * r.mean();
  }
  return LogisticFit{std::move(beta), bias};
}

CrossValidation cross_validate(const std::vector<Verdict>& verdicts, const VerdictModelOptions& o) {
  CrossValidation cv;
  cv.examples = static_cast<int>(verdicts.size());
  cv.folds = o.folds;
  std::vector<size_t> pos, neg;
  for (size_t i = 0; i < verdicts.size(); ++i) (verdicts[i].relevant ? pos : neg).push_back(i);
  cv.positives = static_cast<int>(pos.size());
  std::mt19937_64 rng(o.seed);
  std::shuffle(pos.begin(), pos.end(), rng);
  std::shuffle(neg.begin(), neg.end(), rng);
  std::vector<int> fold(verdicts.size());
  for (size_t k = 0; k < pos.size(); ++k)
    fold[pos[k]] = static_cast<int>(k % static_cast<size_t>(o.folds));
  for (size_t k = 0; k < neg.size(); ++k)
    fold[neg[k]] = static_cast<int>(k % static_cast<size_t>(o.folds));
  for (int f = 0; f < o.folds; ++f) {
    std::vector<Verdict> train;
    for (size_t i = 0; i < verdicts.size(); ++i)
      if (fold[i] != f) train.push_back(verdicts[i]);
    VerdictModel m = train_verdict_model(train, o);
    for (size_t i = 0; i < verdicts.size(); ++i) {
      if (fold[i] != f) continue;
      const Verdict& v = verdicts[i];
      bool predicted = m.predict(v.title, v.topics, v.summary, v.rule_score) >= o.threshold;
      if (predicted && v.relevant)
        cv.true_positives++;
      else if (predicted)
        cv.false_positives++;
      else if (v.relevant)
        cv.false_negatives++;
    }
  }
  return cv;
}

}  // namespace omvarld
