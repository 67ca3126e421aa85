// omvarld rank: ranks cities (or any units) on a composite-indicator
// framework, with the uncertainty of the ranks when asked.
#include <algorithm>
#include <cmath>
#include <iostream>

#include "cli/cli_common.h"
#include "core/text.h"
#include "report/benchmark_report.h"
#include "services/benchmark_run.h"

namespace omvarld::cli {
namespace {

std::string num(double v, int decimals = 6) {
  if (std::isnan(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {  // trim trailing zeros, keep it readable
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

class RankCommand final : public Command {
 public:
  // A dimension scored from fewer than half of its indicators says more
  // about the data than about the city: the default asks for half.
  RankCommand() { req_.engine.min_share = 0.5; }

  void setup(CLI::App& app) override {
    app.add_option("--group", req_.group,
                   "peer group of peers.toml: nordic, europe or sweden as shipped (default: the "
                   "framework's)");
    app.add_option("--units", units_, "units to rank instead, comma-separated (SE001C,NO001C)")
        ->delimiter(',');
    app.add_option("--framework", req_.framework,
                   "framework in indicators/frameworks/ (default: sustainability)");
    app.add_option("--meta", req_.meta_path, "framework as a COINr iMeta CSV instead");
    app.add_option("--input", req_.input_path,
                   "data CSV instead of the database: long (unit,indicator,value[,period]) or wide "
                   "(COINr iData: uCode,uName,[Time,]one column per indicator)");
    app.add_option("--period", req_.period, "reference period (default: the latest in the data)");
    app.add_option("--latest-within", req_.latest_within,
                   "use each indicator's latest value up to N years before the period "
                   "(default: the framework's)");
    app.add_option("--focus", req_.focus,
                   "unit whose strengths and weaknesses to show (default: "
                   "peers.toml's focus, Stockholm)");
    app.add_flag("--denominate,!--no-denominate", req_.engine.denominate,
                 "divide indicators by their denominator (Denominator column / denominator =, "
                 "scaled by per =): the default; --no-denominate ranks the counts as they are");
    app.add_option("--impute", impute_, "none, mean, median, group-mean, latest, linear")
        ->default_str("none");
    app.add_option("--group-column", req_.engine.group_column, "data column for group-mean");
    app.add_option("--screen", req_.engine.screen_units,
                   "leave out units with less than this share of indicators (0-1)")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--screen-indicators", req_.engine.screen_indicators,
                   "leave out indicators with less than this share of units (0-1)")
        ->check(CLI::Range(0.0, 1.0));
    app.add_flag("--screen-after-impute", req_.engine.screen_after_impute,
                 "count data availability after imputation (COINr's example order)");
    app.add_option("--treat", treat_, "outliers: none or winsorise:N (JRC practice)")
        ->default_str("none");
    app.add_option("--normalise", normalise_,
                   "minmax:LO,HI, zscore:MEAN,SD, rank, percentile, goalposts:LO,HI, target:LO,HI, "
                   "best")
        ->default_str("minmax:0,100");
    app.add_option("--aggregate", aggregate_,
                   "amean, gmean, hmean, pmean:P, copeland; comma-separated for levels 2, 3, ..")
        ->default_str("amean");
    app.add_option("--min-children", req_.engine.min_share,
                   "a score needs this share of its parts present (0-1)")
        ->check(CLI::Range(0.0, 1.0))
        ->default_str("0.5");
    app.add_option("--weights", weights_, "meta (the framework's), equal or pca")
        ->default_str("meta");
    app.add_option("--uncertainty", req_.replications, "Monte Carlo replications (e.g. 1000)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--seed", req_.uncertainty.seed, "random seed (default 1)");
    app.add_option("--threads", req_.uncertainty.threads, "threads (default: every core)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--weight-noise", req_.uncertainty.weight_noise,
                   "relative noise on weights in Monte Carlo (default 0.25)");
    app.add_option("--alt-normalise", alt_normalise_,
                   "alternative normalisations to draw from, ';'-separated")
        ->delimiter(';');
    app.add_option("--alt-aggregate", alt_aggregate_, "alternative aggregations, ';'-separated")
        ->delimiter(';');
    app.add_option("--alt-impute", alt_impute_, "alternative imputations, ';'-separated")
        ->delimiter(';');
    app.add_option("--sensitivity", req_.sensitivity_samples,
                   "Saltelli/Jansen sensitivity with N base samples (N (k + 2) runs)");
    app.add_option("--scenarios", req_.scenarios_path,
                   "CSV: scenario,weight_set,normalise,aggregate");
    app.add_option("--weight-sets", req_.weight_sets_path, "CSV: weight_set,iCode,Level,Weight");
    app.add_option("--since", req_.since, "also show each rank's change since this period");
    app.add_option("--format", format_, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    common_.add_db(app);
    common_.add_config(app);
    app.footer(
        "Without --input, reads the series harvested into the database.\n"
        "CSV columns: unit,name,level,code,score,rank,value,period,imputed, then rank_change with\n"
        "--since, and rank_nominal,rank_mean,rank_median,rank_q05,rank_q95 on the index rows with\n"
        "--uncertainty or --scenarios (quantiles as R's type 7). What was left out, and why, goes\n"
        "to stderr as 'note:' lines (and into JSON as \"notes\").\n"
        "Examples:\n"
        "  omvarld rank                                   Stockholm among the Nordic capitals\n"
        "  omvarld rank --group europe --uncertainty 1000 --alt-aggregate 'amean;gmean'\n"
        "  omvarld rank --meta iMeta.csv --input iData.csv --impute group-mean \\\n"
        "      --group-column EurAsia_group --screen 0.9 --screen-after-impute --treat "
        "winsorise:5");
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    if (Status s = parse_choices(); !s.ok()) return s.error();
    Log log = make_cli_log(common_.quiet);
    auto out = run_benchmark(*settings, req_, log);
    if (!out.ok()) return out.error();
    for (const std::string& n : notes(*out)) std::cerr << "note: " << n << '\n';
    if (format_ == "csv")
      std::cout << benchmark_csv(*out);
    else if (format_ == "json")
      print_json(*out);
    else
      print_text(*out);
    return 0;
  }

 private:
  Status parse_choices() {
    req_.units = units_;
    auto imp = parse_imputation(impute_);
    if (!imp.ok()) return imp.error();
    req_.engine.impute = *imp;
    if (treat_ != "none") {
      if (treat_.rfind("winsorise", 0) != 0)
        return make_error(ErrorKind::kUsage, "--treat wants none or winsorise:N");
      OutlierOptions o;
      if (size_t colon = treat_.find(':'); colon != std::string::npos) {
        auto n = parse_double(treat_.substr(colon + 1));
        if (!n || *n < 1) return make_error(ErrorKind::kUsage, "--treat winsorise:N needs N >= 1");
        o.winmax = static_cast<int>(*n);
      }
      req_.engine.treat = o;
    }
    auto norm = parse_normalise_spec(normalise_);
    if (!norm.ok()) return norm.error();
    req_.engine.normalise = *norm;
    req_.engine.aggregate.clear();
    for (std::string_view part : split(aggregate_, ',')) {
      auto a = parse_aggregate_spec(part);
      if (!a.ok()) return a.error();
      req_.engine.aggregate.push_back(*a);
    }
    auto w = parse_weight_method(weights_);
    if (!w.ok()) return w.error();
    req_.engine.weights = *w;
    for (const auto& t : alt_normalise_) {
      auto n = parse_normalise_spec(t);
      if (!n.ok()) return n.error();
      req_.uncertainty.normalise.push_back(*n);
    }
    for (const auto& t : alt_aggregate_) {
      auto a = parse_aggregate_spec(t);
      if (!a.ok()) return a.error();
      req_.uncertainty.aggregate.push_back(*a);
    }
    for (const auto& t : alt_impute_) {
      auto i = parse_imputation(t);
      if (!i.ok()) return i.error();
      req_.uncertainty.impute.push_back(*i);
    }
    if (!req_.weight_sets_path.empty() && req_.scenarios_path.empty())
      return make_error(ErrorKind::kUsage, "--weight-sets goes with --scenarios");
    return Status::Ok();
  }

  static std::vector<std::string> notes(const BenchmarkOutcome& o) {
    std::vector<std::string> n = o.notes;
    const RunRecord& r = o.result.record;
    for (const auto& s : r.screened_units) n.push_back("screened out (too little data): " + s);
    for (const auto& d : r.dropped_indicators) n.push_back("indicator left out: " + d);
    for (const auto& x : r.notes) n.push_back(x);
    if (r.imputed_values > 0) n.push_back(std::to_string(r.imputed_values) + " values imputed");
    for (const auto& t : r.outliers)
      n.push_back("outliers: " + o.result.layout.codes[static_cast<size_t>(t.column)] +
                  (t.log_transformed
                       ? " log-transformed"
                       : " winsorised (" + std::to_string(t.winsorised) + " points)"));
    return n;
  }

  Eigen::Index top(const BenchmarkOutcome& o) const { return o.result.layout.ranked_column(); }
  const RankStats* stats(const BenchmarkOutcome& o) const { return o.rank_stats(); }

  void print_text(const BenchmarkOutcome& o) const {
    const IndexResult& r = o.result;
    const Eigen::Index t = top(o);
    const RankStats* st = stats(o);
    std::cout << o.label_en << " (" << o.framework_id << ")"
              << (o.selection.period.empty() ? "" : ", period " + o.selection.period) << "\n\n";
    std::vector<std::string> header{"rank", "unit", "name", r.layout.codes[static_cast<size_t>(t)]};
    if (st) header.insert(header.end(), {"median rank", "90% interval"});
    if (!o.since_period.empty()) header.push_back("since " + o.since_period);
    std::vector<Eigen::Index> dims;
    for (const auto& node : r.layout.aggregates)
      if (node.column != t && node.level == r.layout.levels[static_cast<size_t>(t)] - 1)
        dims.push_back(node.column),
            header.push_back(r.layout.codes[static_cast<size_t>(node.column)]);
    std::vector<size_t> order(r.units.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      double ra = r.ranks(static_cast<Eigen::Index>(a), t),
             rb = r.ranks(static_cast<Eigen::Index>(b), t);
      if (std::isnan(ra)) return false;
      if (std::isnan(rb)) return true;
      return ra < rb;
    });
    std::vector<std::vector<std::string>> rows;
    for (size_t i : order) {
      const auto ii = static_cast<Eigen::Index>(i);
      std::vector<std::string> row{num(r.ranks(ii, t)), r.units[i], r.names[i],
                                   num(r.scores(ii, t), 1)};
      if (st)
        row.insert(row.end(),
                   {num(st->median[ii], 1), num(st->q05[ii], 1) + "-" + num(st->q95[ii], 1)});
      if (!o.since_period.empty()) {
        double ch = o.rank_change(ii, t);
        row.push_back(std::isnan(ch) ? "" : (ch > 0 ? "+" : "") + num(ch));
      }
      for (Eigen::Index d : dims) row.push_back(num(r.scores(ii, d), 1));
      rows.push_back(std::move(row));
    }
    print_table(header, rows);
    if (o.focus) {
      std::cout << "\n" << o.focus->name << " against the peer median:\n";
      // The raw value (and its year) first, as the report gives it, then the
      // normalised score the ranking uses.
      const auto unit = std::find(r.units.begin(), r.units.end(), o.focus->unit);
      auto raw = [&](const std::string& code) -> std::string {
        const auto c = std::find(r.layout.codes.begin(), r.layout.codes.end(), code);
        if (unit == r.units.end() || c == r.layout.codes.end()) return "";
        const auto i = static_cast<size_t>(unit - r.units.begin());
        const auto cc = static_cast<size_t>(c - r.layout.codes.begin());
        if (static_cast<Eigen::Index>(cc) >= r.layout.indicator_count) return "";
        const double v = r.raw(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(cc));
        if (std::isnan(v)) return "";
        const std::string& period = o.selection.value_period[static_cast<size_t>(r.rows[i])][cc];
        // A divided indicator's value is per its denominator, as ranked.
        const FrameworkNode* n = o.framework.find(code);
        const std::string per =
            n && !n->denominator.empty() && o.engine.denominate
                ? " per " + with_thousands(static_cast<int64_t>(n->per)) + " " + n->denominator
                : "";
        return "value " + num(v, 2) + per + (period.empty() ? "" : " (" + period + ")") + ", ";
      };
      auto show = [&](const char* title, const std::vector<FocusLine>& lines) {
        if (lines.empty()) return;
        std::cout << "  " << title << ":\n";
        for (const auto& l : lines)
          std::cout << "    " << l.name << " (" << l.code << "): " << raw(l.code) << "rank "
                    << num(l.rank) << " of " << l.ranked << "; score " << num(l.score, 1)
                    << " vs peer median " << num(l.peer_median, 1) << '\n';
      };
      show("strengths", o.focus->strengths);
      show("weaknesses", o.focus->weaknesses);
    }
    if (o.sensitivity) {
      std::cout << "\nSensitivity of the ranks (" << o.sensitivity->runs << " runs): ";
      for (size_t k = 0; k < o.sensitivity->factors.size(); ++k)
        std::cout << (k ? "; " : "") << o.sensitivity->factors[k] << " first-order "
                  << num(o.sensitivity->first_order[k], 2) << ", total "
                  << num(o.sensitivity->total_order[k], 2);
      std::cout << '\n';
    }
    std::cout << "\nChoices: ";
    for (size_t k = 0; k < r.record.choices.size(); ++k)
      std::cout << (k ? "; " : "") << r.record.choices[k];
    std::cout << '\n';
  }

  void print_json(const BenchmarkOutcome& o) const {
    const IndexResult& r = o.result;
    const RankStats* st = stats(o);
    auto jnum = [](double v) { return std::isnan(v) ? std::string("null") : format_double(v); };
    auto jlist = [](const std::vector<std::string>& v) {
      std::string s = "[";
      for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + json_string(v[i]);
      return s + "]";
    };
    std::cout << "{\"framework\":" << json_string(o.framework_id)
              << ",\"label\":" << json_string(o.label_en)
              << ",\"period\":" << json_string(o.selection.period)
              << ",\"source\":" << json_string(o.data_source)
              << ",\"choices\":" << jlist(r.record.choices) << ",\"notes\":" << jlist(notes(o))
              << ",\"rows\":[";
    bool first = true;
    for (size_t i = 0; i < r.units.size(); ++i)
      for (size_t c = 0; c < r.layout.codes.size(); ++c) {
        const auto ii = static_cast<Eigen::Index>(i), cc = static_cast<Eigen::Index>(c);
        std::cout << (first ? "\n " : ",\n ") << "{\"unit\":" << json_string(r.units[i])
                  << ",\"name\":" << json_string(r.names[i]) << ",\"level\":" << r.layout.levels[c]
                  << ",\"code\":" << json_string(r.layout.codes[c])
                  << ",\"score\":" << jnum(r.scores(ii, cc))
                  << ",\"rank\":" << jnum(r.ranks(ii, cc));
        if (st && cc == top(o))
          std::cout << ",\"rank_nominal\":" << jnum(st->nominal[ii])
                    << ",\"rank_mean\":" << jnum(st->mean[ii])
                    << ",\"rank_median\":" << jnum(st->median[ii])
                    << ",\"rank_q05\":" << jnum(st->q05[ii])
                    << ",\"rank_q95\":" << jnum(st->q95[ii]);
        std::cout << "}";
        first = false;
      }
    std::cout << "\n]";
    if (o.sensitivity) {
      std::cout << ",\"sensitivity\":{\"runs\":" << o.sensitivity->runs << ",\"factors\":[";
      for (size_t k = 0; k < o.sensitivity->factors.size(); ++k)
        std::cout << (k ? "," : "") << "{\"factor\":" << json_string(o.sensitivity->factors[k])
                  << ",\"first_order\":" << jnum(o.sensitivity->first_order[k])
                  << ",\"total_order\":" << jnum(o.sensitivity->total_order[k]) << "}";
      std::cout << "]}";
    }
    std::cout << ",\"coherence\":{\"alpha\":{";
    for (size_t k = 0; k < o.coherence.alpha_codes.size(); ++k)
      std::cout << (k ? "," : "") << json_string(o.coherence.alpha_codes[k]) << ":"
                << jnum(o.coherence.alpha[k]);
    std::cout << "},\"flags\":[";
    for (size_t k = 0; k < o.coherence.flags.size(); ++k) {
      const auto& f = o.coherence.flags[k];
      std::cout << (k ? "," : "") << "{\"a\":" << json_string(f.a) << ",\"b\":" << json_string(f.b)
                << ",\"r\":" << jnum(f.r) << ",\"kind\":" << json_string(f.kind) << "}";
    }
    std::cout << "]}}\n";
  }

  BenchmarkRequest req_;
  std::vector<std::string> units_, alt_normalise_, alt_aggregate_, alt_impute_;
  std::string impute_ = "none", treat_ = "none", normalise_ = "minmax:0,100", aggregate_ = "amean",
              weights_ = "meta", format_ = "table";
  CommonOptions common_;
};

}  // namespace

std::unique_ptr<Command> make_rank_command() { return std::make_unique<RankCommand>(); }

}  // namespace omvarld::cli
