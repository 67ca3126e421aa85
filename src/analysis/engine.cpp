#include "analysis/engine.h"

#include <cmath>

#include "core/text.h"

namespace omvarld {
namespace {

std::string percent(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100))) + "%";
}

std::vector<std::string> group_labels(const UnitData& d, const std::string& column,
                                      const std::vector<Eigen::Index>& rows) {
  std::vector<std::string> out;
  auto it = d.groups.find(column);
  for (Eigen::Index r : rows)
    out.push_back(it == d.groups.end() ? "" : it->second[static_cast<size_t>(r)]);
  return out;
}

}  // namespace

Result<PreparedData> prepare(const Framework& f, const UnitData& d, const EngineOptions& o) {
  PreparedData p;
  p.framework = f;
  p.layout = layout_of(f);
  RunRecord& rec = p.record;
  if (o.impute == Imputation::kGroupMean) {
    if (o.group_column.empty())
      return make_error(ErrorKind::kUsage, "group-mean imputation needs --group-column");
    if (!d.groups.count(o.group_column))
      return make_error(ErrorKind::kUsage,
                        "group column \"" + o.group_column + "\" is not in the data");
  }
  Eigen::MatrixXd x = d.values;
  if (o.denominate) {
    auto den = denominate(x, f, d);
    if (!den.ok()) return den.error();
    x = std::move(*den);
    rec.choices.push_back("denominate = yes (indicators divided by their Denominator)");
  } else if (!f.denominators.empty()) {
    rec.choices.push_back("denominate = no (counts ranked as they are)");
  }
  // Indicators first: an indicator nobody reports should not screen out units.
  std::vector<Eigen::Index> keep_cols = indicators_with_data(x, o.screen_indicators);
  std::vector<char> kept(static_cast<size_t>(x.cols()), 0);
  for (Eigen::Index j : keep_cols) kept[static_cast<size_t>(j)] = 1;
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    if (kept[static_cast<size_t>(j)]) continue;
    const auto present = static_cast<double>(x.rows() - x.col(j).array().isNaN().count());
    rec.dropped.push_back(
        {f.indicators[static_cast<size_t>(j)].code, present / static_cast<double>(x.rows())});
    rec.dropped_indicators.push_back(
        f.indicators[static_cast<size_t>(j)].code +
        (present == 0 ? " (no data)"
                      : " (" + percent(present / static_cast<double>(x.rows())) + " of units)"));
    x.col(j).setConstant(std::numeric_limits<double>::quiet_NaN());
  }
  Eigen::MatrixXd imputed_all;
  if (o.screen_after_impute) {
    std::vector<Eigen::Index> all(static_cast<size_t>(x.rows()));
    for (Eigen::Index i = 0; i < x.rows(); ++i) all[static_cast<size_t>(i)] = i;
    imputed_all = impute(x, o.impute, group_labels(d, o.group_column, all));
  }
  const Eigen::MatrixXd& considered = o.screen_after_impute ? imputed_all : x;
  // Availability counts only the indicators kept.
  std::vector<double> share(static_cast<size_t>(x.rows()), 1.0);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    if (keep_cols.empty()) break;
    size_t present = 0;
    for (Eigen::Index j : keep_cols) present += !std::isnan(considered(i, j));
    share[static_cast<size_t>(i)] =
        static_cast<double>(present) / static_cast<double>(keep_cols.size());
    if (share[static_cast<size_t>(i)] >= o.screen_units) p.rows.push_back(i);
  }
  if (keep_cols.empty())
    for (Eigen::Index i = 0; i < x.rows(); ++i) p.rows.push_back(i);
  std::vector<char> unit_kept(static_cast<size_t>(x.rows()), 0);
  for (Eigen::Index r : p.rows) unit_kept[static_cast<size_t>(r)] = 1;
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    if (!unit_kept[static_cast<size_t>(i)])
      rec.screened.push_back({d.units[static_cast<size_t>(i)], share[static_cast<size_t>(i)]}),
          rec.screened_units.push_back(d.units[static_cast<size_t>(i)] + " (" +
                                       percent(share[static_cast<size_t>(i)]) + " of indicators)");
  if (p.rows.empty())
    return make_error(ErrorKind::kUsage, "no unit has enough data to rank (screening at " +
                                             percent(o.screen_units) + " of indicators" +
                                             (keep_cols.empty() ? "; no indicator has data" : "") +
                                             ")");
  for (Eigen::Index r : p.rows) {
    p.units.push_back(d.units[static_cast<size_t>(r)]);
    p.names.push_back(d.names[static_cast<size_t>(r)]);
  }
  p.values = select_rows(x, p.rows);
  p.groups = group_labels(d, o.group_column, p.rows);
  rec.choices.push_back("screening = units with at least " + percent(o.screen_units) +
                        " of indicators, indicators with at least " + percent(o.screen_indicators) +
                        " of units" + (o.screen_after_impute ? ", counted after imputation" : ""));
  return p;
}

Result<Eigen::MatrixXd> normalised_indicators(const PreparedData& p, Imputation impute_method,
                                              const NormaliseSpec& spec,
                                              const std::optional<OutlierOptions>& treat,
                                              RunRecord* record) {
  Eigen::MatrixXd x = impute(p.values, impute_method, p.groups);
  if (record) {
    record->imputed_values =
        static_cast<int>(p.values.array().isNaN().count() - x.array().isNaN().count());
  }
  if (treat) {
    OutlierResult t = treat_outliers(x, *treat);
    x = std::move(t.values);
    if (record) record->outliers = std::move(t.treated);
  }
  return normalise(x, p.framework, spec);
}

Result<std::vector<double>> base_weights(const FrameworkLayout& layout, const EngineOptions& o) {
  std::vector<double> w = weights_for(layout, o.weights);
  for (const auto& [code, weight] : o.weight_overrides) {
    bool found = false;
    for (size_t c = 0; c < layout.codes.size(); ++c)
      if (layout.codes[c] == code) w[c] = weight, found = true;
    if (!found)
      return make_error(ErrorKind::kUsage,
                        "weight given for " + code + ", which the framework does not have");
  }
  return w;
}

Status check_aggregation_domain(const Eigen::MatrixXd& normalised,
                                const std::vector<AggregateSpec>& specs,
                                const std::string& normalise_text) {
  bool needs_nonnegative = false;
  std::string which;
  for (const auto& s : specs)
    if (s.method == AggregateMethod::kGeometric || s.method == AggregateMethod::kHarmonic ||
        s.method == AggregateMethod::kPower)
      needs_nonnegative = true, which = s.text();
  if (!needs_nonnegative) return Status::Ok();
  for (Eigen::Index i = 0; i < normalised.size(); ++i)
    if (normalised.data()[i] < 0)
      return make_error(ErrorKind::kUsage,
                        "aggregation " + which + " needs values >= 0, but normalisation " +
                            normalise_text +
                            " gives negative ones; use minmax:1,100 or percentile with it");
  return Status::Ok();
}

Result<IndexResult> score(const PreparedData& p, const EngineOptions& o) {
  IndexResult r;
  r.layout = p.layout;
  r.units = p.units;
  r.names = p.names;
  r.rows = p.rows;
  r.raw = p.values;
  r.record = p.record;
  RunRecord& rec = r.record;
  auto normalised = normalised_indicators(p, o.impute, o.normalise, o.treat, &rec);
  if (!normalised.ok()) return normalised.error();
  std::vector<AggregateSpec> specs =
      o.aggregate.empty() ? std::vector<AggregateSpec>{{}} : o.aggregate;
  if (Status s = check_aggregation_domain(*normalised, specs, o.normalise.text()); !s.ok())
    return s.error();
  auto w = base_weights(p.layout, o);
  if (!w.ok()) return w.error();
  r.weights = o.weights == WeightMethod::kPca
                  ? pca_weights(*normalised, p.layout, specs, o.min_share, o.index_min_share)
                  : *w;
  LevelScores s =
      aggregate(*normalised, p.layout, r.weights, specs, o.min_share, o.index_min_share);
  r.scores = std::move(s.values);
  r.ranks.resize(r.scores.rows(), r.scores.cols());
  for (Eigen::Index c = 0; c < r.scores.cols(); ++c)
    rank_descending(r.scores.col(c).data(), r.scores.rows(), r.ranks.col(c).data());
  r.imputed.assign(p.units.size(), std::vector<char>(p.framework.indicators.size(), 0));
  for (Eigen::Index i = 0; i < p.values.rows(); ++i)
    for (Eigen::Index j = 0; j < p.values.cols(); ++j)
      r.imputed[static_cast<size_t>(i)][static_cast<size_t>(j)] =
          std::isnan(p.values(i, j)) && !std::isnan(r.scores(i, j));

  rec.choices.push_back(std::string("imputation = ") + to_string(o.impute) +
                        (o.impute == Imputation::kGroupMean ? " by " + o.group_column : ""));
  if (o.treat)
    rec.choices.push_back("outliers = winsorise up to " + std::to_string(o.treat->winmax) +
                          " points while |skewness| >= " + format_double(o.treat->skew_limit) +
                          " and kurtosis >= " + format_double(o.treat->kurt_limit) + ", else log");
  else
    rec.choices.push_back("outliers = none");
  rec.choices.push_back("normalisation = " + o.normalise.text());
  rec.choices.push_back(std::string("weights = ") + to_string(o.weights) +
                        (o.weight_overrides.empty() ? "" : " with a weight set"));
  std::string agg;
  for (size_t k = 0; k < specs.size(); ++k) agg += (k ? ", " : "") + specs[k].text();
  rec.choices.push_back("aggregation = " + agg + (specs.size() > 1 ? " (from level 2 up)" : ""));
  rec.choices.push_back("minimum share of children = " + percent(o.min_share));
  if (o.index_min_share >= 0)
    rec.choices.push_back("minimum share of the index's parts = " + percent(o.index_min_share));
  for (const auto& node : p.layout.aggregates) {
    const auto c = node.column;
    const auto missing = r.scores.col(c).array().isNaN().count();
    if (missing > 0)
      rec.notes.push_back(p.layout.codes[static_cast<size_t>(c)] + ": no score for " +
                          std::to_string(missing) + " of " + std::to_string(r.scores.rows()) +
                          " units (too few of its parts have data)");
  }
  return r;
}

Result<IndexResult> run_index(const Framework& f, const UnitData& d, const EngineOptions& o) {
  auto p = prepare(f, d, o);
  if (!p.ok()) return p.error();
  return score(*p, o);
}

}  // namespace omvarld
