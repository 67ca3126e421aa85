#include "analysis/uncertainty.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <thread>

#include "analysis/statistics.h"
#include "core/text.h"

namespace omvarld {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr Eigen::Index kMaxUnits = 10000;  // rank histograms are units^2 counts

// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same on every
// platform, unlike the standard library's distributions.
class Stream {
 public:
  Stream(uint64_t seed, uint64_t index)
      : state_(seed * 0x9E3779B97F4A7C15ULL ^ (index + 1) * 0xBF58476D1CE4E5B9ULL) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

size_t choose(double u, size_t n) {
  return std::min(static_cast<size_t>(u * static_cast<double>(n)), n - 1);
}

int thread_count(int asked) {
  if (asked > 0) return asked;
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? static_cast<int>(hw) : 1;
}

// Runs body(index, thread) for index in [0, n) on `threads` threads, each
// taking every threads-th index.
template <typename Body>
void parallel_for(int64_t n, int threads, Body body) {
  threads = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(threads, n)));
  if (threads == 1) {
    for (int64_t i = 0; i < n; ++i) body(i, 0);
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int64_t i = t; i < n; i += threads) body(i, t);
    });
  for (auto& th : pool) th.join();
}

// The index as a function of uniform draws u:
//   u[0] imputation, u[1] normalisation, u[2] aggregation, u[3 + c] weight of column c.
class Model {
 public:
  static Result<Model> make(const PreparedData& p, const EngineOptions& nominal,
                            const UncertaintyOptions& u) {
    Model m(p);
    m.noise_ = u.weight_noise;
    m.min_share_ = nominal.min_share;
    m.index_min_share_ = nominal.index_min_share;
    m.impute_ = u.impute.empty() ? std::vector<Imputation>{nominal.impute} : u.impute;
    m.normalise_ =
        u.normalise.empty() ? std::vector<NormaliseSpec>{nominal.normalise} : u.normalise;
    if (u.aggregate.empty())
      m.aggregate_.push_back(nominal.aggregate.empty() ? std::vector<AggregateSpec>{{}}
                                                       : nominal.aggregate);
    else
      for (const auto& a : u.aggregate) m.aggregate_.push_back({a});
    for (Imputation imp : m.impute_)
      for (const NormaliseSpec& n : m.normalise_) {
        auto x = normalised_indicators(p, imp, n, nominal.treat);
        if (!x.ok()) return x.error();
        for (const auto& specs : m.aggregate_)
          if (Status s = check_aggregation_domain(*x, specs, n.text()); !s.ok()) return s.error();
        Eigen::MatrixXd full(x->rows(), static_cast<Eigen::Index>(p.layout.codes.size()));
        full.leftCols(p.layout.indicator_count) = *x;
        m.prepared_.push_back(std::move(full));
      }
    auto w = base_weights(p.layout, nominal);
    if (!w.ok()) return w.error();
    m.weights_ = *w;
    if (nominal.weights == WeightMethod::kPca) {
      auto x = normalised_indicators(p, m.impute_[0], nominal.normalise, nominal.treat);
      if (!x.ok()) return x.error();
      m.weights_ =
          pca_weights(*x, p.layout, m.aggregate_[0], nominal.min_share, nominal.index_min_share);
    }
    return m;
  }

  size_t draws() const { return 3 + p_->layout.codes.size(); }
  size_t combos() const { return prepared_.size(); }
  size_t impute_count() const { return impute_.size(); }
  size_t normalise_count() const { return normalise_.size(); }
  size_t aggregate_count() const { return aggregate_.size(); }
  double noise() const { return noise_; }

  // Ranks of the top level for the draws; `work` holds one matrix per combo.
  Eigen::VectorXd ranks(const double* u, std::vector<Eigen::MatrixXd>& work,
                        std::vector<double>& w) const {
    const size_t i = choose(u[0], impute_.size()), n = choose(u[1], normalise_.size()),
                 a = choose(u[2], aggregate_.size());
    const size_t combo = i * normalise_.size() + n;
    if (work.size() != prepared_.size()) work.resize(prepared_.size());
    if (work[combo].size() == 0) work[combo] = prepared_[combo];
    w = weights_;
    if (noise_ > 0)
      for (size_t c = 0; c < w.size(); ++c) w[c] *= 1 + noise_ * (2 * u[3 + c] - 1);
    aggregate_columns(work[combo], p_->layout, w, aggregate_[a], min_share_, index_min_share_);
    return rank_descending(work[combo].col(top()));
  }

  Eigen::Index top() const { return p_->layout.ranked_column(); }

 private:
  explicit Model(const PreparedData& p) : p_(&p) {}
  const PreparedData* p_;
  double noise_ = 0, min_share_ = 0, index_min_share_ = -1;
  std::vector<Imputation> impute_;
  std::vector<NormaliseSpec> normalise_;
  std::vector<std::vector<AggregateSpec>> aggregate_;
  std::vector<Eigen::MatrixXd> prepared_;  // per (imputation, normalisation): indicator columns
  std::vector<double> weights_;
};

Result<Eigen::VectorXd> nominal_ranks(const PreparedData& p, const EngineOptions& nominal) {
  auto r = score(p, nominal);
  if (!r.ok()) return r.error();
  const Eigen::Index top = r->layout.ranked_column();
  return Eigen::VectorXd(r->ranks.col(top));
}

Status check_units(const PreparedData& p) {
  if (static_cast<Eigen::Index>(p.units.size()) > kMaxUnits)
    return make_error(ErrorKind::kUsage,
                      "uncertainty analysis takes at most " + std::to_string(kMaxUnits) + " units");
  return Status::Ok();
}

}  // namespace

RankHistogram::RankHistogram(Eigen::Index units)
    : units_(units), counts_(static_cast<size_t>(units * (units + 1)), 0) {}

void RankHistogram::add(const Eigen::VectorXd& ranks) {
  ++runs_;
  for (Eigen::Index i = 0; i < units_; ++i)
    if (!std::isnan(ranks[i]))
      ++counts_[static_cast<size_t>(i * (units_ + 1) + static_cast<Eigen::Index>(ranks[i]))];
}

void RankHistogram::merge(const RankHistogram& other) {
  runs_ += other.runs_;
  for (size_t k = 0; k < counts_.size(); ++k) counts_[k] += other.counts_[k];
}

RankStats RankHistogram::stats(const Eigen::VectorXd& nominal) const {
  RankStats s;
  s.runs = runs_;
  s.nominal = nominal;
  s.mean = s.median = s.q05 = s.q95 = Eigen::VectorXd::Constant(units_, kNaN);
  for (Eigen::Index i = 0; i < units_; ++i) {
    const int64_t* c = &counts_[static_cast<size_t>(i * (units_ + 1))];
    int64_t total = 0;
    double sum = 0;
    for (Eigen::Index r = 1; r <= units_; ++r) total += c[r], sum += static_cast<double>(r * c[r]);
    if (total == 0) continue;
    s.mean[i] = sum / static_cast<double>(total);
    // The k-th smallest rank (0-based), by walking the cumulative counts.
    auto order_stat = [&](int64_t k) {
      int64_t seen = 0;
      for (Eigen::Index r = 1; r <= units_; ++r) {
        seen += c[r];
        if (seen > k) return static_cast<double>(r);
      }
      return static_cast<double>(units_);
    };
    auto quantile = [&](double p) {
      const double h = static_cast<double>(total - 1) * p;
      const auto lo = static_cast<int64_t>(std::floor(h));
      const double a = order_stat(lo), b = order_stat(std::min(lo + 1, total - 1));
      return a + (h - static_cast<double>(lo)) * (b - a);
    };
    s.median[i] = quantile(0.5);
    s.q05[i] = quantile(0.05);
    s.q95[i] = quantile(0.95);
  }
  return s;
}

Result<RankStats> monte_carlo(const PreparedData& p, const EngineOptions& nominal,
                              const UncertaintyOptions& u) {
  if (u.replications < 1) return make_error(ErrorKind::kUsage, "replications must be at least 1");
  if (Status s = check_units(p); !s.ok()) return s.error();
  auto nom = nominal_ranks(p, nominal);
  if (!nom.ok()) return nom.error();
  auto model = Model::make(p, nominal, u);
  if (!model.ok()) return model.error();
  const int threads = thread_count(u.threads);
  const auto n = static_cast<Eigen::Index>(p.units.size());
  std::vector<RankHistogram> hist(static_cast<size_t>(threads), RankHistogram(n));
  std::vector<std::vector<Eigen::MatrixXd>> work(static_cast<size_t>(threads));
  std::vector<std::vector<double>> wbuf(static_cast<size_t>(threads));
  std::vector<std::vector<double>> draws(static_cast<size_t>(threads),
                                         std::vector<double>(model->draws()));
  parallel_for(u.replications, threads, [&](int64_t r, int t) {
    Stream stream(u.seed, static_cast<uint64_t>(r));
    auto& d = draws[static_cast<size_t>(t)];
    for (double& x : d) x = stream.uniform();
    hist[static_cast<size_t>(t)].add(
        model->ranks(d.data(), work[static_cast<size_t>(t)], wbuf[static_cast<size_t>(t)]));
  });
  for (size_t t = 1; t < hist.size(); ++t) hist[0].merge(hist[t]);
  return hist[0].stats(*nom);
}

Result<std::vector<Scenario>> parse_scenarios(const CsvTable& t, const std::string& source) {
  for (const char* c : {"scenario", "weight_set", "normalise", "aggregate"})
    if (!t.column(c)) return make_error(ErrorKind::kParse, source + ": no column " + c);
  std::vector<Scenario> out;
  std::set<std::string> names;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    auto get = [&](const char* c) { return std::string(trim(row[*t.column(c)].text)); };
    const std::string where = source + ": row " + std::to_string(r + 2);
    Scenario s;
    s.name = get("scenario");
    s.weight_set = get("weight_set");
    if (s.name.empty() || !names.insert(s.name).second)
      return make_error(ErrorKind::kParse, where + ": scenario name empty or repeated");
    std::string n = get("normalise"), a = get("aggregate");
    auto ns = parse_normalise_spec(n.empty() ? "minmax:0,100" : n);
    if (!ns.ok()) return ns.error().with_context(where);
    auto as = parse_aggregate_spec(a.empty() ? "amean" : a);
    if (!as.ok()) return as.error().with_context(where);
    s.normalise = *ns;
    s.aggregate = *as;
    out.push_back(std::move(s));
  }
  if (out.empty()) return make_error(ErrorKind::kParse, source + ": no scenarios");
  return out;
}

Result<WeightSets> parse_weight_sets(const CsvTable& t, const Framework& f,
                                     const std::string& source) {
  for (const char* c : {"weight_set", "iCode", "Weight"})
    if (!t.column(c)) return make_error(ErrorKind::kParse, source + ": no column " + c);
  auto level_col = t.column("Level");
  WeightSets sets;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    auto get = [&](std::optional<size_t> c) {
      return c ? std::string(trim(row[*c].text)) : std::string();
    };
    const std::string where = source + ": row " + std::to_string(r + 2);
    std::string set = get(t.column("weight_set")), code = get(t.column("iCode"));
    const FrameworkNode* node = f.find(code);
    if (!node)
      return make_error(ErrorKind::kParse, where + ": " + code + " is not in the framework");
    if (std::string lv = get(level_col); !lv.empty()) {
      auto level = parse_double(lv);
      if (!level || static_cast<int>(*level) != node->level)
        return make_error(ErrorKind::kParse, where + ": " + code + " is at level " +
                                                 std::to_string(node->level) + ", not " + lv);
    }
    auto w = parse_double(get(t.column("Weight")));
    if (!w || !(*w >= 0))
      return make_error(ErrorKind::kParse, where + ": Weight must be a number >= 0");
    if (!sets[set].emplace(code, *w).second)
      return make_error(ErrorKind::kParse, where + ": " + code + " weighted twice in " + set);
  }
  return sets;
}

Result<ScenarioResult> run_scenarios(const PreparedData& p, const EngineOptions& nominal,
                                     const std::vector<Scenario>& scenarios,
                                     const WeightSets& sets) {
  if (Status s = check_units(p); !s.ok()) return s.error();
  auto nom = nominal_ranks(p, nominal);
  if (!nom.ok()) return nom.error();
  const auto n = static_cast<Eigen::Index>(p.units.size());
  ScenarioResult out;
  out.top_ranks.resize(n, static_cast<Eigen::Index>(scenarios.size()));
  RankHistogram hist(n);
  for (size_t k = 0; k < scenarios.size(); ++k) {
    const Scenario& s = scenarios[k];
    EngineOptions o = nominal;
    o.normalise = s.normalise;
    o.aggregate = {s.aggregate};
    if (!s.weight_set.empty()) {
      auto it = sets.find(s.weight_set);
      if (it == sets.end())
        return make_error(ErrorKind::kUsage, "scenario " + s.name + ": weight set " + s.weight_set +
                                                 " is not in --weight-sets");
      for (const auto& [code, w] : it->second) o.weight_overrides[code] = w;
    }
    auto r = nominal_ranks(p, o);
    if (!r.ok()) return r.error().with_context("scenario " + s.name);
    hist.add(*r);
    out.top_ranks.col(static_cast<Eigen::Index>(k)) = *r;
    out.names.push_back(s.name);
  }
  out.stats = hist.stats(*nom);
  return out;
}

Result<Sensitivity> sensitivity(const PreparedData& p, const EngineOptions& nominal,
                                const UncertaintyOptions& u, int base_samples) {
  if (base_samples < 2)
    return make_error(ErrorKind::kUsage, "sensitivity needs at least 2 samples");
  auto nom = nominal_ranks(p, nominal);
  if (!nom.ok()) return nom.error();
  auto model = Model::make(p, nominal, u);
  if (!model.ok()) return model.error();
  // The factors, each a block of draws.
  struct Factor {
    std::string name;
    size_t begin, end;
  };
  std::vector<Factor> factors;
  if (model->impute_count() > 1) factors.push_back({"imputation", 0, 1});
  if (model->normalise_count() > 1) factors.push_back({"normalisation", 1, 2});
  if (model->aggregate_count() > 1) factors.push_back({"aggregation", 2, 3});
  if (model->noise() > 0) factors.push_back({"weights", 3, model->draws()});
  if (factors.empty())
    return make_error(ErrorKind::kUsage,
                      "sensitivity: nothing is uncertain (give alternatives or weight noise)");
  const size_t k = factors.size(), nd = model->draws();
  const auto N = static_cast<int64_t>(base_samples);
  // Evaluation e = j * (k + 2) + m: m = 0 is A_j, 1 is B_j, 2 + i is AB_i,j.
  std::vector<double> y(static_cast<size_t>(N) * (k + 2));
  const int threads = thread_count(u.threads);
  std::vector<std::vector<Eigen::MatrixXd>> work(static_cast<size_t>(threads));
  std::vector<std::vector<double>> wbuf(static_cast<size_t>(threads));
  const Eigen::VectorXd& nominal_r = *nom;
  parallel_for(N * static_cast<int64_t>(k + 2), threads, [&](int64_t e, int t) {
    const int64_t j = e / static_cast<int64_t>(k + 2);
    const size_t m = static_cast<size_t>(e % static_cast<int64_t>(k + 2));
    std::vector<double> a(nd), b(nd);
    Stream sa(u.seed, static_cast<uint64_t>(2 * j)), sb(u.seed, static_cast<uint64_t>(2 * j + 1));
    for (size_t q = 0; q < nd; ++q) a[q] = sa.uniform(), b[q] = sb.uniform();
    std::vector<double> d = m == 1 ? b : a;
    if (m >= 2)
      for (size_t q = factors[m - 2].begin; q < factors[m - 2].end; ++q) d[q] = b[q];
    Eigen::VectorXd r =
        model->ranks(d.data(), work[static_cast<size_t>(t)], wbuf[static_cast<size_t>(t)]);
    double shift = 0;
    int counted = 0;
    for (Eigen::Index i = 0; i < r.size(); ++i)
      if (!std::isnan(r[i]) && !std::isnan(nominal_r[i]))
        shift += std::abs(r[i] - nominal_r[i]), ++counted;
    y[static_cast<size_t>(e)] = counted ? shift / counted : 0;
  });
  auto Y = [&](int64_t j, size_t m) { return y[static_cast<size_t>(j) * (k + 2) + m]; };
  std::vector<double> ab;
  for (int64_t j = 0; j < N; ++j) ab.push_back(Y(j, 0)), ab.push_back(Y(j, 1));
  const double sd = sd_of(ab);
  Sensitivity s;
  s.variance = sd * sd;
  s.runs = static_cast<int>(N * static_cast<int64_t>(k + 2));
  for (size_t i = 0; i < k; ++i) {
    double first = 0, total = 0;
    for (int64_t j = 0; j < N; ++j) {
      const double fa = Y(j, 0), fb = Y(j, 1), fab = Y(j, 2 + i);
      first += fb * (fab - fa);
      total += (fa - fab) * (fa - fab);
    }
    s.factors.push_back(factors[i].name);
    s.first_order.push_back(s.variance > 0 ? first / static_cast<double>(N) / s.variance : 0);
    s.total_order.push_back(s.variance > 0 ? total / (2.0 * static_cast<double>(N)) / s.variance
                                           : 0);
  }
  return s;
}

}  // namespace omvarld
