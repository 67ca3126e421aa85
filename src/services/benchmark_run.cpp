#include "services/benchmark_run.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/framework_toml.h"
#include "core/files.h"
#include "parse/csv_table.h"
#include "parse/indicator_catalogue.h"
#include "store/observation_source.h"

namespace omvarld {
namespace {

Result<CsvTable> read_csv_file(const std::string& path) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  return parse_csv(*text, path);
}

std::string list_text(const std::vector<std::string>& v, size_t limit = 12) {
  std::string out;
  for (size_t i = 0; i < v.size() && i < limit; ++i) out += (i ? ", " : "") + v[i];
  if (v.size() > limit) out += ", ... (" + std::to_string(v.size()) + " in all)";
  return out;
}

}  // namespace

Result<BenchmarkOutcome> run_benchmark(const Settings& settings, const BenchmarkRequest& req,
                                       const Log& log) {
  BenchmarkOutcome out;
  auto catalogue = load_indicator_catalogue(settings.config_dir);
  if (!catalogue.ok()) return catalogue.error();

  // The framework.
  Framework framework;
  int latest_within = 0;
  std::string default_group;
  EngineOptions engine = req.engine;
  ComparabilityRule rule;
  if (!req.meta_path.empty()) {
    auto table = read_csv_file(req.meta_path);
    if (!table.ok()) return table.error();
    auto f = parse_coinr_meta(*table, req.meta_path);
    if (!f.ok()) return f.error();
    framework = *f;
    // Named by the file's stem ("asem_imeta"), so reports do not depend on
    // where the file lies.
    out.framework_id = std::filesystem::path(req.meta_path).stem().string();
    out.label_en = out.label_sv = out.framework_id;
  } else {
    auto f = load_framework(settings.config_dir, req.framework, *catalogue);
    if (!f.ok()) return f.error();
    framework = f->framework;
    latest_within = f->latest_within;
    default_group = f->group;
    out.framework_id = f->id;
    out.label_en = f->label_en;
    out.label_sv = f->label_sv;
    out.description = f->description;
    out.description_sv = f->description_sv;
    out.index_en = f->index_en;
    out.index_sv = f->index_sv;
    if (engine.index_min_share < 0) engine.index_min_share = f->index_min_share;
    rule.min_units = f->min_cities;
    rule.max_year_gap = f->max_year_gap;
  }
  if (req.latest_within >= 0) latest_within = req.latest_within;
  out.framework = framework;

  // The units.
  std::vector<std::string> units = req.units;
  std::string group = req.group.empty() && req.input_path.empty() ? default_group : req.group;
  if (units.empty() && !group.empty()) {
    const PeerGroup* g = catalogue->find_group(group);
    if (!g) {
      std::string known;
      for (const auto& x : catalogue->groups) known += (known.empty() ? "" : ", ") + x.id;
      return make_error(ErrorKind::kUsage,
                        "no peer group \"" + group + "\" (known: " + known + ")");
    }
    units = g->cities;
    out.group = group;
  }
  if (units.empty() && req.input_path.empty())
    return make_error(ErrorKind::kUsage, "say which cities to rank: --group or --units");

  // The data.
  ObservationSet obs;
  if (!req.input_path.empty()) {
    auto table = read_csv_file(req.input_path);
    if (!table.ok()) return table.error();
    auto o = observations_from_table(*table, framework, req.input_path);
    if (!o.ok()) return o.error();
    obs = std::move(*o);
    for (const auto& u : obs.units)  // names from peers.toml where the file has none
      if (!obs.names.count(u) && catalogue->city_names.count(u))
        obs.names[u] = catalogue->city_names.at(u);
    out.data_source = std::filesystem::path(req.input_path).filename().string();
  } else {
    auto store = Store::open(settings.db_path, Access::kRead);
    if (!store.ok()) return store.error();
    auto stored = observations_from_store(*store, *catalogue, framework, units);
    if (!stored.ok()) return stored.error();
    obs = std::move(stored->observations);
    out.datasets = std::move(stored->datasets);
    out.data_source = settings.db_path;
    out.from_database = true;
    if (obs.rows.empty())
      return make_error(ErrorKind::kNotFound,
                        "no observations for this framework and these cities in " +
                            settings.db_path + "; run `omvarld harvest` (or `omvarld demo`) first");
  }
  SelectionOptions sel;
  sel.period = req.period;
  sel.within_years = latest_within;
  sel.over_time =
      req.engine.impute == Imputation::kLatest || req.engine.impute == Imputation::kLinear
          ? req.engine.impute
          : Imputation::kNone;
  sel.units = units;
  auto selection = select_observations(obs, framework, sel);
  if (!selection.ok()) return selection.error();
  if (!selection->missing_units.empty())
    out.notes.push_back("not in the data, so not ranked: " + list_text(selection->missing_units));

  log.info("ranking " + std::to_string(selection->data.units.size()) + " units on " +
           std::to_string(framework.indicators.size()) + " indicators" +
           (selection->period.empty() ? "" : ", period " + selection->period) +
           (latest_within > 0
                ? " (or the latest within " + std::to_string(latest_within) + " years)"
                : ""));
  auto prepared = prepare(framework, selection->data, engine);
  if (!prepared.ok()) return prepared.error();
  auto result = score(*prepared, engine);
  if (!result.ok()) return result.error();
  out.result = std::move(*result);
  out.selection = std::move(*selection);
  out.coherence = coherence(out.result.scores, out.result.layout);
  out.comparability = comparability(out.result, out.selection.value_period, rule);
  out.engine = engine;
  out.latest_within = latest_within;
  out.replications = req.replications;
  out.uncertainty = req.uncertainty;
  out.uncertainty.replications = req.replications;

  // The analyses.
  if (req.replications > 0) {
    UncertaintyOptions u = req.uncertainty;
    u.replications = req.replications;
    log.info("uncertainty: " + std::to_string(u.replications) + " Monte Carlo replications, seed " +
             std::to_string(u.seed));
    auto mc = monte_carlo(*prepared, engine, u);
    if (!mc.ok()) return mc.error();
    out.monte_carlo = std::move(*mc);
  }
  if (!req.scenarios_path.empty()) {
    auto table = read_csv_file(req.scenarios_path);
    if (!table.ok()) return table.error();
    auto scenarios = parse_scenarios(*table, req.scenarios_path);
    if (!scenarios.ok()) return scenarios.error();
    WeightSets sets;
    if (!req.weight_sets_path.empty()) {
      auto wt = read_csv_file(req.weight_sets_path);
      if (!wt.ok()) return wt.error();
      auto parsed = parse_weight_sets(*wt, framework, req.weight_sets_path);
      if (!parsed.ok()) return parsed.error();
      sets = std::move(*parsed);
    }
    auto sc = run_scenarios(*prepared, engine, *scenarios, sets);
    if (!sc.ok()) return sc.error();
    out.scenarios = std::move(*sc);
  }
  if (req.sensitivity_samples > 0) {
    auto s = sensitivity(*prepared, engine, req.uncertainty, req.sensitivity_samples);
    if (!s.ok()) return s.error();
    out.sensitivity = std::move(*s);
  }
  if (!req.since.empty()) {
    SelectionOptions then = sel;
    then.period = req.since;
    auto earlier = select_observations(obs, framework, then);
    if (!earlier.ok()) return earlier.error();
    auto r = run_index(framework, earlier->data, engine);
    if (!r.ok()) {
      out.notes.push_back("no rank change: the index for " + req.since +
                          " could not be computed (" + r.error().message + ")");
      out.since_failed = req.since;
    } else {
      out.since_period = req.since;
      out.rank_change.resize(out.result.ranks.rows(), out.result.ranks.cols());
      for (Eigen::Index c = 0; c < out.result.ranks.cols(); ++c)
        out.rank_change.col(c) = rank_change(*r, out.result, c);
    }
  }
  out.observations = std::move(obs);
  std::string focus = req.focus.empty() ? catalogue->focus_city : req.focus;
  out.focus = focus_profile(out.result, focus, 5, &out.comparability);
  if (!out.focus && !req.focus.empty()) {
    std::string ranked;
    for (size_t i = 0; i < out.result.units.size(); ++i)
      ranked += (i ? ", " : "") + out.result.units[i] +
                (out.result.names[i].empty() || out.result.names[i] == out.result.units[i]
                     ? ""
                     : " (" + out.result.names[i] + ")");
    return make_error(ErrorKind::kUsage,
                      "--focus " + req.focus + " is not among the ranked units: " + ranked);
  }
  return out;
}

}  // namespace omvarld
