// omvarld harvest: the scheduled job. Harvests every dataset of the indicator
// catalogue for the peer cities, or one dataset ad hoc.
#include "cli/cli_common.h"
#include "config/indicator_catalogue.h"
#include "core/text.h"
#include "eurostat/collector.h"
#include "net/curl_http_client.h"
#include "net/retrying_http_client.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

class HarvestCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    common_.add_db(app);
    common_.add_config(app);
    common_.add_eurostat_base(app);
    app.add_option("--dataset", dataset_,
                   "harvest this dataset ad hoc instead of the configured plan");
    app.add_option("--filter", filters_,
                   "DIM=CODE filter for --dataset (repeatable), e.g. cities=SE001C");
    app.add_option("--since", since_, "first period to fetch (sinceTimePeriod), e.g. 2010");
    app.add_flag("--force", force_, "harvest even datasets the catalogue says are unchanged");
    app.add_flag("--no-catalogue", no_catalogue_,
                 "do not read the catalogue first (harvest everything)");
    app.add_flag("-q,--quiet", common_.quiet, "print only warnings and errors");
    app.footer(
        "Without --dataset, harvests one query per dataset of indicators.toml for the cities of "
        "the peer\n"
        "groups in omvarld.toml. Datasets that the Eurostat catalogue says have not changed since "
        "the last\n"
        "successful harvest are skipped unless --force. Exit code 1 when any dataset failed (the "
        "others\n"
        "are stored), 0 when all succeeded.");
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    std::vector<DataQuery> plan;
    if (!dataset_.empty()) {
      DataQuery q;
      q.dataset = to_lower(dataset_);
      q.since_period = since_;
      for (const auto& f : filters_) {
        size_t eq = f.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == f.size())
          return make_error(ErrorKind::kUsage, "--filter wants DIM=CODE, got \"" + f + "\"");
        q.filters.emplace_back(f.substr(0, eq), f.substr(eq + 1));
      }
      plan.push_back(std::move(q));
    } else {
      if (!filters_.empty()) return make_error(ErrorKind::kUsage, "--filter needs --dataset");
      auto cat = load_indicator_catalogue(settings->config_dir);
      if (!cat.ok()) return cat.error();
      plan = build_harvest_plan(*cat, settings->groups,
                                since_.empty() ? settings->since_period : since_);
    }
    Log log = make_cli_log(common_.quiet);
    auto store = Store::open(settings->db_path);
    if (!store.ok()) return store.error();
    SystemClock clock;
    CurlHttpClient curl(settings->http);
    RetryingHttpClient http(curl, clock, settings->retry, &log);
    EurostatCollector collector(http, *store, clock, log, settings->eurostat_base);
    HarvestOptions options;
    options.force = force_;
    options.use_catalogue = !no_catalogue_;
    log.info("harvesting " + std::to_string(plan.size()) + " dataset(s) from " +
             settings->eurostat_base + " into " + settings->db_path);
    auto report = collector.harvest(plan, options, g_command_line);
    if (!report.ok()) return report.error();
    int failed = report->failed();
    int64_t rows_new = 0, rows_changed = 0;
    for (const auto& o : report->outcomes) {
      rows_new += o.stats.rows_new;
      rows_changed += o.stats.rows_changed;
    }
    log.info("run " + std::to_string(report->run_id) +
             " done: " + std::to_string(report->outcomes.size() - failed) + " of " +
             std::to_string(report->outcomes.size()) + " datasets ok, " + with_thousands(rows_new) +
             " new and " + with_thousands(rows_changed) + " revised values");
    if (failed)
      log.error(std::to_string(failed) + " dataset(s) failed; see `omvarld runs --run " +
                std::to_string(report->run_id) + "`");
    return failed ? 1 : 0;
  }

 private:
  CommonOptions common_;
  std::string dataset_, since_;
  std::vector<std::string> filters_;
  bool force_ = false, no_catalogue_ = false;
};

}  // namespace

std::unique_ptr<Command> make_harvest_command() { return std::make_unique<HarvestCommand>(); }

}  // namespace omvarld::cli
