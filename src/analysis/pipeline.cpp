#include "analysis/pipeline.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "analysis/statistics.h"
#include "core/text.h"

namespace omvarld {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// "name" or "name:A,B" -> name and the numbers after the colon.
struct SpecText {
  std::string name;
  std::vector<double> args;
  bool ok = true;
};
SpecText split_spec(std::string_view text) {
  SpecText s;
  text = trim(text);
  size_t colon = text.find(':');
  s.name = std::string(trim(text.substr(0, colon)));
  if (colon == std::string_view::npos) return s;
  for (std::string_view part : split(text.substr(colon + 1), ',')) {
    auto v = parse_double(trim(part));
    if (!v) s.ok = false;
    s.args.push_back(v.value_or(kNaN));
  }
  return s;
}

std::string number_text(double v) { return format_double(v); }

}  // namespace

// ---- Denomination ---------------------------------------------------------

Result<Eigen::MatrixXd> denominate(const Eigen::MatrixXd& x, const Framework& f,
                                   const UnitData& d) {
  Eigen::MatrixXd out = x;
  for (size_t j = 0; j < f.indicators.size(); ++j) {
    const std::string& den = f.indicators[j].denominator;
    if (den.empty()) continue;
    auto it = d.denominators.find(den);
    if (it == d.denominators.end())
      return make_error(ErrorKind::kUsage, "indicator " + f.indicators[j].code +
                                               " names denominator " + den +
                                               ", which the data does not have");
    const auto col = static_cast<Eigen::Index>(j);
    for (Eigen::Index i = 0; i < out.rows(); ++i) {
      double v = it->second[i];
      out(i, col) = v != 0 && !std::isnan(v) ? out(i, col) / v * f.indicators[j].per : kNaN;
    }
  }
  return out;
}

// ---- Imputation -----------------------------------------------------------

Result<Imputation> parse_imputation(std::string_view text) {
  static const std::pair<const char*, Imputation> kNames[] = {
      {"none", Imputation::kNone},     {"mean", Imputation::kMean},
      {"median", Imputation::kMedian}, {"group-mean", Imputation::kGroupMean},
      {"latest", Imputation::kLatest}, {"linear", Imputation::kLinear}};
  for (const auto& [name, m] : kNames)
    if (trim(text) == name) return m;
  return make_error(ErrorKind::kUsage, "unknown imputation \"" + std::string(text) +
                                           "\" (none, mean, median, group-mean, latest, linear)");
}

const char* to_string(Imputation m) {
  switch (m) {
    case Imputation::kNone:
      return "none";
    case Imputation::kMean:
      return "mean";
    case Imputation::kMedian:
      return "median";
    case Imputation::kGroupMean:
      return "group-mean";
    case Imputation::kLatest:
      return "latest";
    case Imputation::kLinear:
      return "linear";
  }
  return "?";
}

Eigen::MatrixXd impute_group_mean(const Eigen::MatrixXd& x,
                                  const std::vector<std::string>& group_of_unit) {
  Eigen::MatrixXd out = x;
  std::map<std::string, std::vector<Eigen::Index>> members;
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    members[group_of_unit[static_cast<size_t>(i)]].push_back(i);
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    for (const auto& [group, rows] : members) {
      double sum = 0;
      int n = 0;
      for (Eigen::Index i : rows)
        if (!std::isnan(x(i, j))) sum += x(i, j), ++n;
      if (n == 0) continue;
      for (Eigen::Index i : rows)
        if (std::isnan(x(i, j))) out(i, j) = sum / n;
    }
  return out;
}

Eigen::MatrixXd impute(const Eigen::MatrixXd& x, Imputation method,
                       const std::vector<std::string>& group_of_unit) {
  switch (method) {
    case Imputation::kMean:
    case Imputation::kMedian: {
      Eigen::MatrixXd out = x;
      for (Eigen::Index j = 0; j < x.cols(); ++j) {
        std::vector<double> v = present_values(x.col(j));
        if (v.empty() || v.size() == static_cast<size_t>(x.rows())) continue;
        const double fill = method == Imputation::kMean ? mean_of(v) : median_of(std::move(v));
        for (Eigen::Index i = 0; i < x.rows(); ++i)
          if (std::isnan(out(i, j))) out(i, j) = fill;
      }
      return out;
    }
    case Imputation::kGroupMean:
      return impute_group_mean(x, group_of_unit);
    default:
      return x;
  }
}

// ---- Screening ------------------------------------------------------------

std::vector<Eigen::Index> units_with_data(const Eigen::MatrixXd& x, double min_share) {
  std::vector<Eigen::Index> keep;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const auto present = static_cast<double>(x.cols() - x.row(i).array().isNaN().count());
    if (x.cols() == 0 || present / static_cast<double>(x.cols()) >= min_share) keep.push_back(i);
  }
  return keep;
}

std::vector<Eigen::Index> indicators_with_data(const Eigen::MatrixXd& x, double min_share) {
  std::vector<Eigen::Index> keep;
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const auto present = static_cast<double>(x.rows() - x.col(j).array().isNaN().count());
    if (x.rows() > 0 && present > 0 && present / static_cast<double>(x.rows()) >= min_share)
      keep.push_back(j);
  }
  return keep;
}

Eigen::MatrixXd select_rows(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (size_t k = 0; k < rows.size(); ++k) out.row(static_cast<Eigen::Index>(k)) = x.row(rows[k]);
  return out;
}

// ---- Normalisation --------------------------------------------------------

std::string NormaliseSpec::text() const {
  switch (method) {
    case NormaliseMethod::kMinMax:
      return "minmax:" + number_text(a) + "," + number_text(b);
    case NormaliseMethod::kZScore:
      return "zscore:" + number_text(a) + "," + number_text(b);
    case NormaliseMethod::kRank:
      return "rank";
    case NormaliseMethod::kPercentile:
      return "percentile";
    case NormaliseMethod::kGoalposts:
      return "goalposts:" + number_text(a) + "," + number_text(b);
    case NormaliseMethod::kTarget:
      return "target:" + number_text(a) + "," + number_text(b);
    case NormaliseMethod::kBest:
      return "best";
  }
  return "?";
}

Result<NormaliseSpec> parse_normalise_spec(std::string_view text) {
  SpecText s = split_spec(text);
  NormaliseSpec spec;
  struct Known {
    const char* name;
    NormaliseMethod method;
    double a, b;
    bool takes_args;
  };
  static const Known kKnown[] = {{"minmax", NormaliseMethod::kMinMax, 0, 100, true},
                                 {"zscore", NormaliseMethod::kZScore, 0, 1, true},
                                 {"rank", NormaliseMethod::kRank, 0, 0, false},
                                 {"percentile", NormaliseMethod::kPercentile, 0, 100, false},
                                 {"goalposts", NormaliseMethod::kGoalposts, 0, 100, true},
                                 {"target", NormaliseMethod::kTarget, 0, 100, true},
                                 {"best", NormaliseMethod::kBest, 0, 100, false}};
  for (const Known& k : kKnown) {
    if (s.name != k.name) continue;
    spec = NormaliseSpec{k.method, k.a, k.b};
    if (s.args.empty()) return spec;
    if (!k.takes_args || !s.ok || s.args.size() != 2)
      return make_error(
          ErrorKind::kUsage,
          "normalisation \"" + std::string(text) + "\": " +
              (k.takes_args ? "give two numbers, as in " + std::string(k.name) + ":0,100"
                            : std::string(k.name) + " takes no numbers"));
    spec.a = s.args[0];
    spec.b = s.args[1];
    if (spec.method == NormaliseMethod::kZScore ? !(spec.b > 0) : !(spec.b > spec.a))
      return make_error(ErrorKind::kUsage,
                        "normalisation \"" + std::string(text) + "\": the range is empty");
    return spec;
  }
  return make_error(ErrorKind::kUsage,
                    "unknown normalisation \"" + std::string(text) +
                        "\" (minmax:LO,HI, zscore:MEAN,SD, rank, percentile, goalposts:LO,HI, "
                        "target:LO,HI, best)");
}

Eigen::MatrixXd normalise_minmax(const Eigen::MatrixXd& x, const std::vector<int>& directions,
                                 double lo, double hi) {
  Eigen::MatrixXd out(x.rows(), x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const double dir = directions[static_cast<size_t>(j)] < 0 ? -1.0 : 1.0;
    double mn = std::numeric_limits<double>::infinity(), mx = -mn;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      double v = x(i, j) * dir;
      if (std::isnan(v)) continue;
      mn = std::min(mn, v);
      mx = std::max(mx, v);
    }
    const double scale = mx > mn ? (hi - lo) / (mx - mn) : 0;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      double v = x(i, j) * dir;
      if (std::isnan(v))
        out(i, j) = kNaN;
      else if (mx > mn)
        out(i, j) = lo + (v - mn) * scale;
      else
        out(i, j) = (lo + hi) / 2;
    }
  }
  return out;
}

namespace {

// Average ranks, 1 for the smallest, over present values.
void ascending_ranks(const Eigen::VectorXd& v, Eigen::VectorXd& out, Eigen::Index& n) {
  std::vector<Eigen::Index> idx;
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (!std::isnan(v[i])) idx.push_back(i);
  std::sort(idx.begin(), idx.end(), [&](Eigen::Index a, Eigen::Index b) { return v[a] < v[b]; });
  out = Eigen::VectorXd::Constant(v.size(), kNaN);
  for (size_t k = 0; k < idx.size();) {
    size_t e = k;
    while (e + 1 < idx.size() && v[idx[e + 1]] == v[idx[k]]) ++e;
    const double r = (static_cast<double>(k) + static_cast<double>(e)) / 2 + 1;
    for (size_t t = k; t <= e; ++t) out[idx[t]] = r;
    k = e + 1;
  }
  n = static_cast<Eigen::Index>(idx.size());
}

}  // namespace

Result<Eigen::MatrixXd> normalise(const Eigen::MatrixXd& x, const Framework& f,
                                  const NormaliseSpec& spec) {
  const std::vector<int> dirs = f.directions();
  if (spec.method == NormaliseMethod::kMinMax) return normalise_minmax(x, dirs, spec.a, spec.b);
  Eigen::MatrixXd out = Eigen::MatrixXd::Constant(x.rows(), x.cols(), kNaN);
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const FrameworkNode& ind = f.indicators[static_cast<size_t>(j)];
    const double dir = ind.direction < 0 ? -1.0 : 1.0;
    Eigen::VectorXd col = x.col(j);
    std::vector<double> present = present_values(col);
    if (present.empty()) continue;
    switch (spec.method) {
      case NormaliseMethod::kZScore: {
        const double mu = mean_of(present), sd = sd_of(present);
        for (Eigen::Index i = 0; i < col.size(); ++i)
          if (!std::isnan(col[i]))
            out(i, j) = sd > 0 ? spec.a + spec.b * dir * (col[i] - mu) / sd : spec.a;
        break;
      }
      case NormaliseMethod::kRank:
      case NormaliseMethod::kPercentile: {
        Eigen::VectorXd r;
        Eigen::Index n = 0;
        ascending_ranks(col * dir, r, n);
        if (spec.method == NormaliseMethod::kRank)
          out.col(j) = r;
        else
          for (Eigen::Index i = 0; i < col.size(); ++i)
            out(i, j) = std::isnan(r[i]) ? kNaN
                        : n > 1          ? (r[i] - 1) / static_cast<double>(n - 1) * 100
                                         : 50;
        break;
      }
      case NormaliseMethod::kGoalposts:
      case NormaliseMethod::kTarget: {
        double worst = ind.worst, best = ind.best;
        if (spec.method == NormaliseMethod::kGoalposts) {
          if (std::isnan(worst) || std::isnan(best) || worst == best)
            return make_error(ErrorKind::kUsage, "goalposts: indicator " + ind.code +
                                                     " needs distinct Worst and Best values");
        } else {
          if (std::isnan(ind.target))
            return make_error(ErrorKind::kUsage,
                              "target: indicator " + ind.code + " has no Target value");
          best = ind.target;
          // The worst value present, on the indicator's own scale.
          worst = dir > 0 ? *std::min_element(present.begin(), present.end())
                          : *std::max_element(present.begin(), present.end());
        }
        for (Eigen::Index i = 0; i < col.size(); ++i) {
          if (std::isnan(col[i])) continue;
          double share = best != worst ? (col[i] - worst) / (best - worst) : 1;
          share = std::clamp(share, 0.0, 1.0);
          out(i, j) = spec.a + share * (spec.b - spec.a);
        }
        break;
      }
      case NormaliseMethod::kBest: {
        for (double v : present)
          if (!(v > 0))
            return make_error(ErrorKind::kUsage, "best: indicator " + ind.code +
                                                     " has values <= 0; distance to the best "
                                                     "needs positive values");
        const double best = dir > 0 ? *std::max_element(present.begin(), present.end())
                                    : *std::min_element(present.begin(), present.end());
        for (Eigen::Index i = 0; i < col.size(); ++i)
          if (!std::isnan(col[i])) out(i, j) = 100 * (dir > 0 ? col[i] / best : best / col[i]);
        break;
      }
      case NormaliseMethod::kMinMax:
        break;
    }
  }
  return out;
}

// ---- Aggregation ----------------------------------------------------------

std::string AggregateSpec::text() const {
  switch (method) {
    case AggregateMethod::kArithmetic:
      return "amean";
    case AggregateMethod::kGeometric:
      return "gmean";
    case AggregateMethod::kHarmonic:
      return "hmean";
    case AggregateMethod::kPower:
      return "pmean:" + number_text(power);
    case AggregateMethod::kCopeland:
      return "copeland";
  }
  return "?";
}

Result<AggregateSpec> parse_aggregate_spec(std::string_view text) {
  SpecText s = split_spec(text);
  AggregateSpec spec;
  if (s.name == "amean" && s.args.empty()) return AggregateSpec{AggregateMethod::kArithmetic, 1};
  if (s.name == "gmean" && s.args.empty()) return AggregateSpec{AggregateMethod::kGeometric, 0};
  if (s.name == "hmean" && s.args.empty()) return AggregateSpec{AggregateMethod::kHarmonic, -1};
  if (s.name == "copeland" && s.args.empty()) return AggregateSpec{AggregateMethod::kCopeland, 0};
  if (s.name == "pmean") {
    if (!s.ok || s.args.size() != 1 || !std::isfinite(s.args[0]))
      return make_error(ErrorKind::kUsage,
                        "aggregation \"" + std::string(text) + "\": give the order, as in pmean:2");
    const double p = s.args[0];
    if (p == 1) return AggregateSpec{AggregateMethod::kArithmetic, 1};
    if (p == 0) return AggregateSpec{AggregateMethod::kGeometric, 0};
    if (p == -1) return AggregateSpec{AggregateMethod::kHarmonic, -1};
    return AggregateSpec{AggregateMethod::kPower, p};
  }
  return make_error(ErrorKind::kUsage, "unknown aggregation \"" + std::string(text) +
                                           "\" (amean, gmean, hmean, pmean:P, copeland)");
}

namespace {

void aggregate_mean(Eigen::MatrixXd& v, const FrameworkLayout::Node& node,
                    const std::vector<double>& weights, const AggregateSpec& spec,
                    double min_share) {
  const Eigen::Index n = v.rows();
  // Per unit: weighted sum of the transformed children, weight sum, count of
  // children present, and whether a zero child forces the mean to zero.
  std::vector<double> sum(static_cast<size_t>(n), 0.0), wsum(static_cast<size_t>(n), 0.0);
  std::vector<int> count(static_cast<size_t>(n), 0), zero(static_cast<size_t>(n), 0);
  const AggregateMethod m = spec.method;
  const bool zero_wins = m == AggregateMethod::kGeometric || m == AggregateMethod::kHarmonic ||
                         (m == AggregateMethod::kPower && spec.power < 0);
  for (Eigen::Index c : node.children) {
    const double w = weights[static_cast<size_t>(c)];
    const double* col = v.col(c).data();
    for (Eigen::Index i = 0; i < n; ++i) {
      const double x = col[i];
      if (std::isnan(x)) continue;
      const auto k = static_cast<size_t>(i);
      ++count[k];
      wsum[k] += w;
      if (zero_wins && x <= 0) {
        zero[k] += w > 0;
        continue;
      }
      switch (m) {
        case AggregateMethod::kArithmetic:
          sum[k] += w * x;
          break;
        case AggregateMethod::kGeometric:
          sum[k] += w * std::log(x);
          break;
        case AggregateMethod::kHarmonic:
          sum[k] += w / x;
          break;
        case AggregateMethod::kPower:
          sum[k] += w * std::pow(x, spec.power);
          break;
        case AggregateMethod::kCopeland:
          break;
      }
    }
  }
  const double children = static_cast<double>(node.children.size());
  double* out = v.col(node.column).data();
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto k = static_cast<size_t>(i);
    double r = kNaN;
    if (count[k] > 0 && count[k] / children >= min_share && wsum[k] > 0) {
      if (zero[k] > 0) {
        r = 0;
      } else {
        switch (m) {
          case AggregateMethod::kArithmetic:
            r = sum[k] / wsum[k];
            break;
          case AggregateMethod::kGeometric:
            r = std::exp(sum[k] / wsum[k]);
            break;
          case AggregateMethod::kHarmonic:
            r = wsum[k] / sum[k];
            break;
          case AggregateMethod::kPower:
            r = std::pow(sum[k] / wsum[k], 1 / spec.power);
            break;
          case AggregateMethod::kCopeland:
            break;
        }
      }
    }
    out[i] = r;
  }
}

void aggregate_copeland(Eigen::MatrixXd& v, const FrameworkLayout::Node& node,
                        const std::vector<double>& weights, double min_share) {
  const Eigen::Index n = v.rows();
  const double children = static_cast<double>(node.children.size());
  std::vector<char> scored(static_cast<size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    double count = 0;
    for (Eigen::Index c : node.children) count += !std::isnan(v(i, c));
    scored[static_cast<size_t>(i)] = count > 0 && count / children >= min_share;
  }
  Eigen::VectorXd score = Eigen::VectorXd::Zero(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!scored[static_cast<size_t>(i)]) continue;
    for (Eigen::Index k = i + 1; k < n; ++k) {
      if (!scored[static_cast<size_t>(k)]) continue;
      double ahead = 0, behind = 0;
      for (Eigen::Index c : node.children) {
        const double a = v(i, c), b = v(k, c), w = weights[static_cast<size_t>(c)];
        if (std::isnan(a) || std::isnan(b)) continue;
        if (a > b) ahead += w;
        if (a < b) behind += w;
      }
      if (ahead > behind) score[i] += 1, score[k] -= 1;
      if (behind > ahead) score[i] -= 1, score[k] += 1;
    }
  }
  for (Eigen::Index i = 0; i < n; ++i)
    v(i, node.column) = scored[static_cast<size_t>(i)] ? score[i] : kNaN;
}

const AggregateSpec& spec_for_level(const std::vector<AggregateSpec>& by_level, int level) {
  static const AggregateSpec kDefault;
  if (by_level.empty()) return kDefault;
  const size_t k = static_cast<size_t>(std::max(0, level - 2));
  return by_level[std::min(k, by_level.size() - 1)];
}

void aggregate_node(Eigen::MatrixXd& v, const FrameworkLayout::Node& node,
                    const std::vector<double>& weights, const AggregateSpec& spec,
                    double min_share) {
  if (spec.method == AggregateMethod::kCopeland)
    aggregate_copeland(v, node, weights, min_share);
  else
    aggregate_mean(v, node, weights, spec, min_share);
}

// The share of parts a node needs: the index its own, every other node min_share.
double share_for(const FrameworkLayout& layout, const FrameworkLayout::Node& node, double min_share,
                 double index_min_share) {
  return node.column == layout.top_column && index_min_share >= 0 ? index_min_share : min_share;
}

}  // namespace

LevelScores aggregate(const Eigen::MatrixXd& normalised, const FrameworkLayout& layout,
                      const std::vector<double>& weights,
                      const std::vector<AggregateSpec>& by_level, double min_share,
                      double index_min_share) {
  LevelScores s;
  s.codes = layout.codes;
  s.levels = layout.levels;
  s.values.resize(normalised.rows(), static_cast<Eigen::Index>(layout.codes.size()));
  s.values.leftCols(layout.indicator_count) = normalised;
  aggregate_columns(s.values, layout, weights, by_level, min_share, index_min_share);
  return s;
}

void aggregate_columns(Eigen::MatrixXd& values, const FrameworkLayout& layout,
                       const std::vector<double>& weights,
                       const std::vector<AggregateSpec>& by_level, double min_share,
                       double index_min_share) {
  for (const auto& node : layout.aggregates)
    aggregate_node(values, node, weights, spec_for_level(by_level, node.level),
                   share_for(layout, node, min_share, index_min_share));
}

LevelScores aggregate_arithmetic(const Eigen::MatrixXd& normalised, const Framework& f) {
  FrameworkLayout layout = layout_of(f);
  return aggregate(normalised, layout, layout.weights, {});
}

// ---- Weighting ------------------------------------------------------------

Result<WeightMethod> parse_weight_method(std::string_view text) {
  if (trim(text) == "meta") return WeightMethod::kMeta;
  if (trim(text) == "equal") return WeightMethod::kEqual;
  if (trim(text) == "pca") return WeightMethod::kPca;
  return make_error(ErrorKind::kUsage,
                    "unknown weighting \"" + std::string(text) + "\" (meta, equal, pca)");
}

const char* to_string(WeightMethod m) {
  switch (m) {
    case WeightMethod::kMeta:
      return "meta";
    case WeightMethod::kEqual:
      return "equal";
    case WeightMethod::kPca:
      return "pca";
  }
  return "?";
}

std::vector<double> weights_for(const FrameworkLayout& layout, WeightMethod m) {
  if (m == WeightMethod::kEqual) return std::vector<double>(layout.codes.size(), 1.0);
  return layout.weights;
}

std::vector<double> pca_weights(const Eigen::MatrixXd& normalised, const FrameworkLayout& layout,
                                const std::vector<AggregateSpec>& by_level, double min_share,
                                double index_min_share) {
  std::vector<double> w(layout.codes.size(), 1.0);
  Eigen::MatrixXd v(normalised.rows(), static_cast<Eigen::Index>(layout.codes.size()));
  v.leftCols(layout.indicator_count) = normalised;
  for (const auto& node : layout.aggregates) {
    const auto k = static_cast<Eigen::Index>(node.children.size());
    std::vector<Eigen::Index> rows;
    for (Eigen::Index i = 0; i < v.rows(); ++i) {
      bool complete = true;
      for (Eigen::Index c : node.children) complete = complete && !std::isnan(v(i, c));
      if (complete) rows.push_back(i);
    }
    if (k >= 2 && rows.size() >= 3) {
      Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), k);
      for (size_t r = 0; r < rows.size(); ++r)
        for (Eigen::Index c = 0; c < k; ++c)
          m(static_cast<Eigen::Index>(r), c) = v(rows[r], node.children[static_cast<size_t>(c)]);
      Eigen::RowVectorXd mean = m.colwise().mean();
      Eigen::MatrixXd centred = m.rowwise() - mean;
      Eigen::VectorXd sd =
          (centred.array().square().colwise().sum() / static_cast<double>(rows.size() - 1))
              .sqrt()
              .transpose();
      bool spread = (sd.array() > 0).all();
      if (spread) {
        Eigen::MatrixXd z = centred.array().rowwise() / sd.transpose().array();
        Eigen::MatrixXd corr = z.transpose() * z / static_cast<double>(rows.size() - 1);
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(corr);
        Eigen::VectorXd first = es.eigenvectors().col(k - 1);  // largest eigenvalue last
        for (Eigen::Index c = 0; c < k; ++c)
          w[static_cast<size_t>(node.children[static_cast<size_t>(c)])] = first[c] * first[c];
      }
    }
    aggregate_node(v, node, w, spec_for_level(by_level, node.level),
                   share_for(layout, node, min_share, index_min_share));
  }
  return w;
}

// ---- Ranking --------------------------------------------------------------

void rank_descending(const double* scores, Eigen::Index n, double* ranks) {
  // Sorting (score, row) pairs keeps the comparisons on contiguous memory.
  thread_local std::vector<std::pair<double, Eigen::Index>> order;  // reused across calls
  order.clear();
  for (Eigen::Index i = 0; i < n; ++i) {
    ranks[i] = kNaN;
    if (!std::isnan(scores[i])) order.emplace_back(scores[i], i);
  }
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  double rank = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || order[k].first != order[k - 1].first) rank = static_cast<double>(k + 1);
    ranks[order[k].second] = rank;
  }
}

Eigen::VectorXd rank_descending(const Eigen::VectorXd& scores) {
  Eigen::VectorXd ranks(scores.size());
  rank_descending(scores.data(), scores.size(), ranks.data());
  return ranks;
}

}  // namespace omvarld
