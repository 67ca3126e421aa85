#include "relevance/policy_model.h"

#include <Eigen/Sparse>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/text.h"
#include "relevance/relevance.h"

namespace omvarld {

bool policy_word(std::string_view w) {
  if (w.size() < 3) return false;
  if (std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  // Function words and the EU's boilerplate say nothing about the city's work;
  // as features they only learn how long the training items were.
  static constexpr std::string_view kStop[] = {
      "the",       "and",       "for",    "with",       "from",       "that",       "this",
      "which",     "such",      "other",  "their",      "into",       "under",      "about",
      "new",       "all",       "also",   "who",        "what",       "how",        "are",
      "its",       "european",  "europe", "union",      "commission", "regulation", "directive",
      "proposal",  "revision",  "review", "evaluation", "initiative", "rules",      "amendment",
      "amending",  "framework", "member", "states",     "state",      "decision",   "implementing",
      "delegated", "act",       "acts",   "report",     "och",        "att",        "för",
      "med",       "som",       "till",   "inte",       "det",        "den",        "ett",
      "från",      "eller",     "vid",    "samt"};
  for (std::string_view s : kStop)
    if (w == s) return false;
  return true;
}

void programme_features(std::string_view identifier, std::vector<std::string>& out) {
  std::string prefix;
  int parts = 0;
  for (std::string_view part : split(identifier, '-')) {
    if (parts == 3) break;
    if (part.empty() || (part[0] >= '0' && part[0] <= '9')) continue;
    std::string lower;
    for (char c : part) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    prefix += (parts ? "-" : "") + lower;
    out.push_back("p:" + prefix);
    ++parts;
  }
}

std::vector<std::string> policy_features(std::string_view title, std::string_view topics,
                                         std::string_view summary, std::string_view identifiers,
                                         const Stemmer& stemmer) {
  std::vector<std::string> out;
  for (std::string_view text : {title, topics, summary})
    for (const std::string& w : tokenize(text))
      if (policy_word(w)) out.push_back("s:" + stemmer.stem(w));
  for (std::string_view id : split(identifiers, ' '))
    if (!id.empty()) programme_features(id, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double policy_probability(const PolicyModel& model, const std::vector<std::string>& features) {
  double z = model.bias;
  for (const std::string& f : features) {
    auto it = model.weights.find(f);
    if (it != model.weights.end()) z += it->second;
  }
  return 1 / (1 + std::exp(-z));
}

PolicyModel train_policy_model(const std::vector<PolicyExample>& examples,
                               const PolicyModelOptions& o) {
  PolicyModel model;
  if (examples.empty()) return model;
  const Stemmer stemmer(StemLanguage::kEnglish);
  std::vector<std::vector<std::string>> rows;
  std::map<std::string, int> counts;  // sorted: the columns are in name order
  for (const PolicyExample& e : examples) {
    rows.push_back(policy_features(e.title, e.topics, e.summary, e.identifiers, stemmer));
    for (const std::string& f : rows.back()) counts[f]++;
  }
  std::vector<std::string> names;
  std::unordered_map<std::string, int> column;
  for (const auto& [f, c] : counts)
    if (c >= o.min_count) {
      column[f] = static_cast<int>(names.size());
      names.push_back(f);
    }
  const int n = static_cast<int>(examples.size());
  std::vector<Eigen::Triplet<double>> triplets;
  Eigen::VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    for (const std::string& f : rows[static_cast<size_t>(i)]) {
      auto it = column.find(f);
      if (it != column.end()) triplets.emplace_back(i, it->second, 1.0);
    }
    y[i] = examples[static_cast<size_t>(i)].target;
  }
  Eigen::SparseMatrix<double, Eigen::RowMajor> X(n, static_cast<int>(names.size()));
  X.setFromTriplets(triplets.begin(), triplets.end());
  VerdictModelOptions fit_options;
  fit_options.l2 = o.l2;
  fit_options.iterations = o.iterations;
  fit_options.balanced = true;
  const LogisticFit fit = fit_logistic(X, y, fit_options);
  model.bias = fit.bias;
  for (size_t k = 0; k < names.size(); ++k) {
    const double w = fit.weights[static_cast<Eigen::Index>(k)];
    if (std::abs(w) >= o.min_weight) model.weights[names[k]] = w;
  }
  return model;
}

Result<PolicyModel> parse_policy_model(std::string_view text, const std::string& name) {
  PolicyModel model;
  bool bias = false;
  int line_no = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const size_t tab = line.find('\t');
    const std::string where = name + ":" + std::to_string(line_no);
    if (tab == std::string_view::npos)
      return make_error(ErrorKind::kUsage, where + ": expected a feature, a tab and a weight");
    const std::string_view feature = line.substr(0, tab), value = line.substr(tab + 1);
    double w = 0;
    // std::from_chars for double is in libstdc++ 11 and later.
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), w);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(w))
      return make_error(ErrorKind::kUsage,
                        where + ": weight \"" + std::string(value) + "\" is not a number");
    if (feature == "bias") {
      model.bias = w;
      bias = true;
    } else if (feature.size() > 2 &&
               (feature.substr(0, 2) == "s:" || feature.substr(0, 2) == "p:")) {
      model.weights[std::string(feature)] = w;
    } else {
      return make_error(ErrorKind::kUsage, where + ": feature \"" + std::string(feature) +
                                               "\" is neither bias, s:STEM nor p:PROGRAMME");
    }
  }
  if (!bias) return make_error(ErrorKind::kUsage, name + ": no bias line");
  return model;
}

std::string format_policy_model(const PolicyModel& model, const std::string& header,
                                double min_weight) {
  std::string out;
  for (std::string_view line : split(header, '\n')) out += "# " + std::string(line) + "\n";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", model.bias);
  out += "bias\t" + std::string(buf) + "\n";
  std::map<std::string, double> sorted;
  for (const auto& [f, w] : model.weights)
    if (std::abs(w) >= min_weight) sorted[f] = w;
  for (const auto& [f, w] : sorted) {
    std::snprintf(buf, sizeof buf, "%.6f", w);
    out += f + "\t" + buf + "\n";
  }
  return out;
}

}  // namespace omvarld
