// omvarld series: prints stored observations for an indicator or dataset.
#include <iostream>

#include "cli/cli_common.h"
#include "core/text.h"
#include "parse/indicator_catalogue.h"
#include "report/markup.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

class SeriesCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    auto* g = app.add_option_group("what", "what to show (one of)");
    g->add_option("--indicator", indicator_, "indicator id from indicators.toml, e.g. population");
    g->add_option("--dataset", dataset_, "Eurostat dataset code, e.g. urb_cpop1");
    g->require_option(1);
    app.add_option("--geo", geos_, "city or region code (repeatable), e.g. SE001C");
    app.add_option("--filter", filters_, "DIM=CODE (repeatable), e.g. indic_ur=DE1001V");
    app.add_option("--from", from_, "first period, inclusive");
    app.add_option("--to", to_, "last period, inclusive");
    app.add_option("--format", format_, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    common_.add_db(app);
    common_.add_config(app);
    app.footer(
        "CSV columns: dataset,series,geo,period,value,flags; an empty value is a cell without one\n"
        "(confidential or missing, see flags). Values are printed exactly as stored.");
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    SeriesQuery q;
    if (!indicator_.empty()) {
      auto cat = load_indicator_catalogue(settings->config_dir);
      if (!cat.ok()) return cat.error();
      const Indicator* ind = cat->find_indicator(indicator_);
      if (!ind)
        return make_error(ErrorKind::kUsage, "no indicator \"" + indicator_ + "\" in " +
                                                 settings->config_dir + "/indicators.toml");
      q.dataset = ind->dataset;
      q.dims = ind->filter;
    } else {
      q.dataset = to_lower(dataset_);
    }
    for (const auto& f : filters_) {
      size_t eq = f.find('=');
      if (eq == std::string::npos)
        return make_error(ErrorKind::kUsage, "--filter wants DIM=CODE, got \"" + f + "\"");
      q.dims.emplace_back(f.substr(0, eq), f.substr(eq + 1));
    }
    q.geos = geos_;
    q.from_period = from_;
    q.to_period = to_;
    auto store = Store::open(settings->db_path, Access::kRead);
    if (!store.ok()) return store.error();
    auto state = store->dataset_state(q.dataset);
    if (!state.ok()) return state.error();
    if (!*state)
      return make_error(ErrorKind::kNotFound, "dataset " + q.dataset + " is not in " +
                                                  settings->db_path +
                                                  "; harvest or import it first");
    auto rows = store->query_series(q);
    if (!rows.ok()) return rows.error();
    auto value = [](const SeriesRow& r) {
      return r.value ? format_double(*r.value) : std::string();
    };
    if (format_ == "csv") {
      std::cout << "dataset,series,geo,period,value,flags\n";
      for (const auto& r : *rows)
        std::cout << csv_text(r.dataset) << ',' << csv_text(r.series) << ',' << csv_text(r.geo)
                  << ',' << csv_text(r.period) << ',' << value(r) << ',' << csv_text(r.flags)
                  << '\n';
    } else if (format_ == "json") {
      std::cout << "[";
      for (size_t i = 0; i < rows->size(); ++i) {
        const auto& r = (*rows)[i];
        std::cout << (i ? ",\n " : "\n ") << "{\"dataset\":" << json_string(r.dataset)
                  << ",\"series\":" << json_string(r.series) << ",\"dims\":" << json_string(r.dims)
                  << ",\"geo\":" << json_string(r.geo) << ",\"period\":" << json_string(r.period)
                  << ",\"value\":" << (r.value ? value(r) : "null")
                  << ",\"flags\":" << json_string(r.flags) << "}";
      }
      std::cout << "\n]\n";
    } else {
      std::vector<std::vector<std::string>> table;
      for (const auto& r : *rows) table.push_back({r.series, r.geo, r.period, value(r), r.flags});
      print_table({"series", "geo", "period", "value", "flags"}, table);
      std::cerr << rows->size() << " observation(s) from " << q.dataset << "\n";
    }
    if (rows->empty()) std::cerr << "no observations match\n";
    return 0;
  }

 private:
  CommonOptions common_;
  std::string indicator_, dataset_, from_, to_, format_ = "table";
  std::vector<std::string> geos_, filters_;
};

}  // namespace

std::unique_ptr<Command> make_series_command() { return std::make_unique<SeriesCommand>(); }

}  // namespace omvarld::cli
