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

// What the framework decides for a run, besides its tree.
struct FrameworkChoice {
  int latest_within = 0;
  std::string default_group;
  EngineOptions engine;
  ComparabilityRule rule;
};

// The framework: a COINr meta table (--meta) or indicators/frameworks/ID.toml;
// fills the outcome's framework, id, labels and descriptions.
Result<FrameworkChoice> choose_framework(const Settings& settings, const BenchmarkRequest& req,
                                         const IndicatorCatalogue& catalogue,
                                         BenchmarkOutcome& out) {
  FrameworkChoice c;
  c.engine = req.engine;
  if (!req.meta_path.empty()) {
    ASSIGN_OR_RETURN(CsvTable table, read_csv_file(req.meta_path));
    ASSIGN_OR_RETURN(out.framework, parse_coinr_meta(table, req.meta_path));
    // Named by the file's stem ("asem_imeta"), so reports do not depend on
    // where the file lies.
    out.framework_id = std::filesystem::path(req.meta_path).stem().string();
    out.label_en = out.label_sv = out.framework_id;
  } else {
    ASSIGN_OR_RETURN(auto f, load_framework(settings.config_dir, req.framework, catalogue));
    out.framework = f.framework;
    c.latest_within = f.latest_within;
    c.default_group = f.group;
    out.framework_id = f.id;
    out.label_en = f.label_en;
    out.label_sv = f.label_sv;
    out.description = f.description;
    out.description_sv = f.description_sv;
    out.index_en = f.index_en;
    out.index_sv = f.index_sv;
    if (c.engine.index_min_share < 0) c.engine.index_min_share = f.index_min_share;
    c.rule.min_units = f.min_cities;
    c.rule.max_year_gap = f.max_year_gap;
  }
  if (req.latest_within >= 0) c.latest_within = req.latest_within;
  return c;
}

// The cities to rank: --units, else the peer group (--group, else the
// framework's). Empty only when the data come from a file (--input).
Result<std::vector<std::string>> choose_units(const BenchmarkRequest& req,
                                              const IndicatorCatalogue& catalogue,
                                              const std::string& default_group,
                                              BenchmarkOutcome& out) {
  std::vector<std::string> units = req.units;
  const std::string group = req.group.empty() && req.input_path.empty() ? default_group : req.group;
  if (units.empty() && !group.empty()) {
    const PeerGroup* g = catalogue.find_group(group);
    if (!g) {
      std::string known;
      for (const auto& x : catalogue.groups) known += (known.empty() ? "" : ", ") + x.id;
      return make_error(ErrorKind::kUsage,
                        "no peer group \"" + group + "\" (known: " + known + ")");
    }
    units = g->cities;
    out.group = group;
  }
  if (units.empty() && req.input_path.empty())
    return make_error(ErrorKind::kUsage, "say which cities to rank: --group or --units");
  return units;
}

// The observations: from the analyst's CSV (--input) or the database.
Result<ObservationSet> load_observations(const Settings& settings, const BenchmarkRequest& req,
                                         const IndicatorCatalogue& catalogue,
                                         const std::vector<std::string>& units,
                                         BenchmarkOutcome& out) {
  if (!req.input_path.empty()) {
    ASSIGN_OR_RETURN(CsvTable table, read_csv_file(req.input_path));
    ASSIGN_OR_RETURN(ObservationSet obs,
                     observations_from_table(table, out.framework, req.input_path));
    for (const auto& u : obs.units)  // names from peers.toml where the file has none
      if (!obs.names.count(u) && catalogue.city_names.count(u))
        obs.names[u] = catalogue.city_names.at(u);
    out.data_source = std::filesystem::path(req.input_path).filename().string();
    return obs;
  }
  ASSIGN_OR_RETURN(Store store, Store::open(settings.db_path, Access::kRead));
  ASSIGN_OR_RETURN(auto stored, observations_from_store(store, catalogue, out.framework, units));
  out.datasets = std::move(stored.datasets);
  out.data_source = settings.db_path;
  out.from_database = true;
  if (stored.observations.rows.empty())
    return make_error(ErrorKind::kNotFound,
                      "no observations for this framework and these cities in " + settings.db_path +
                          "; run `omvarld harvest` (or `omvarld demo`) first");
  return std::move(stored.observations);
}

// What the request asks beyond the ranking: Monte Carlo, scenarios,
// sensitivity, and the change since an earlier period.
Status run_analyses(const BenchmarkRequest& req, const PreparedData& prepared,
                    const ObservationSet& obs, const SelectionOptions& sel, const Log& log,
                    BenchmarkOutcome& out) {
  const EngineOptions& engine = out.engine;
  if (req.replications > 0) {
    UncertaintyOptions u = req.uncertainty;
    u.replications = req.replications;
    log.info("uncertainty: " + std::to_string(u.replications) + " Monte Carlo replications, seed " +
             std::to_string(u.seed));
    ASSIGN_OR_RETURN(out.monte_carlo, monte_carlo(prepared, engine, u));
  }
  if (!req.scenarios_path.empty()) {
    ASSIGN_OR_RETURN(CsvTable table, read_csv_file(req.scenarios_path));
    ASSIGN_OR_RETURN(auto scenarios, parse_scenarios(table, req.scenarios_path));
    WeightSets sets;
    if (!req.weight_sets_path.empty()) {
      ASSIGN_OR_RETURN(CsvTable wt, read_csv_file(req.weight_sets_path));
      ASSIGN_OR_RETURN(sets, parse_weight_sets(wt, out.framework, req.weight_sets_path));
    }
    ASSIGN_OR_RETURN(out.scenarios, run_scenarios(prepared, engine, scenarios, sets));
  }
  if (req.sensitivity_samples > 0) {
    ASSIGN_OR_RETURN(out.sensitivity,
                     sensitivity(prepared, engine, req.uncertainty, req.sensitivity_samples));
  }
  if (!req.since.empty()) {
    SelectionOptions then = sel;
    then.period = req.since;
    ASSIGN_OR_RETURN(auto earlier, select_observations(obs, out.framework, then));
    auto r = run_index(out.framework, earlier.data, engine);
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
  return Status::Ok();
}

}  // namespace

Result<BenchmarkOutcome> run_benchmark(const Settings& settings, const BenchmarkRequest& req,
                                       const Log& log) {
  BenchmarkOutcome out;
  ASSIGN_OR_RETURN(IndicatorCatalogue catalogue, load_indicator_catalogue(settings.config_dir));
  ASSIGN_OR_RETURN(FrameworkChoice choice, choose_framework(settings, req, catalogue, out));
  const Framework& framework = out.framework;
  const EngineOptions& engine = choice.engine;
  ASSIGN_OR_RETURN(std::vector<std::string> units,
                   choose_units(req, catalogue, choice.default_group, out));
  ASSIGN_OR_RETURN(ObservationSet obs, load_observations(settings, req, catalogue, units, out));

  SelectionOptions sel;
  sel.period = req.period;
  sel.within_years = choice.latest_within;
  sel.over_time =
      req.engine.impute == Imputation::kLatest || req.engine.impute == Imputation::kLinear
          ? req.engine.impute
          : Imputation::kNone;
  sel.units = units;
  ASSIGN_OR_RETURN(auto selection, select_observations(obs, framework, sel));
  if (!selection.missing_units.empty())
    out.notes.push_back("not in the data, so not ranked: " + list_text(selection.missing_units));

  log.info("ranking " + std::to_string(selection.data.units.size()) + " units on " +
           std::to_string(framework.indicators.size()) + " indicators" +
           (selection.period.empty() ? "" : ", period " + selection.period) +
           (choice.latest_within > 0
                ? " (or the latest within " + std::to_string(choice.latest_within) + " years)"
                : ""));
  ASSIGN_OR_RETURN(auto prepared, prepare(framework, selection.data, engine));
  ASSIGN_OR_RETURN(out.result, score(prepared, engine));
  out.selection = std::move(selection);
  out.coherence = coherence(out.result.scores, out.result.layout);
  out.comparability = comparability(out.result, out.selection.value_period, choice.rule);
  out.engine = engine;
  out.latest_within = choice.latest_within;
  out.replications = req.replications;
  out.uncertainty = req.uncertainty;
  out.uncertainty.replications = req.replications;

  RETURN_IF_ERROR(run_analyses(req, prepared, obs, sel, log, out));
  out.observations = std::move(obs);
  const std::string focus = req.focus.empty() ? catalogue.focus_city : req.focus;
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
