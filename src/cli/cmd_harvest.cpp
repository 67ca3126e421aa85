// omvarld harvest: the scheduled job. Harvests every dataset of the indicator
// catalogue for the peer cities, or one dataset ad hoc.
#include "cli/cli_common.h"
#include "core/text.h"
#include "harvest/eurostat_collector.h"
#include "harvest/feed_collector.h"
#include "harvest/feed_sources.h"
#include "harvest/follow_collector.h"
#include "net/retrying_http_client.h"
#include "parse/indicator_catalogue.h"
#include "store/store.h"

namespace omvarld::cli {
namespace {

class HarvestCommand final : public Command {
 public:
  void setup(CLI::App& app) override {
    common_.add_db(app);
    common_.add_config(app);
    common_.add_eurostat_base(app);
    common_.add_lifecycle_bases(app);
    app.add_option("--dataset", dataset_,
                   "harvest this dataset ad hoc instead of the configured plan");
    app.add_option("--filter", filters_,
                   "DIM=CODE filter for --dataset (repeatable), e.g. cities=SE001C");
    app.add_option("--since", since_, "first period to fetch (sinceTimePeriod), e.g. 2010");
    app.add_flag("--force", force_, "harvest even datasets the catalogue says are unchanged");
    app.add_flag("--no-catalogue", no_catalogue_,
                 "do not read the catalogue first (harvest everything)");
    app.add_flag("-q,--quiet", common_.quiet, "print only warnings and errors");
    app.add_option("--only", only_,
                   "harvest only this part: eurostat, feeds or follow (the followed initiatives)")
        ->check(CLI::IsMember({"eurostat", "feeds", "follow"}));
    app.add_option("--feed", feed_url_,
                   "harvest this one EU source ad hoc (a URL), instead of feeds/sources.toml");
    app.add_option("--kind", feed_kind_,
                   "kind of --feed: rss (RSS/Atom/RDF), hys (Have your say) or sedia")
        ->check(CLI::IsMember({"rss", "hys", "sedia"}));
    app.add_option("--feeds", feeds_dir_,
                   "folder with sources.toml and relevance.toml (default: $OMVARLD_FEEDS, else "
                   "feeds/ of the data folder)");
    app.footer(
        "Without --dataset, harvests one query per dataset of indicators.toml for the cities of "
        "the peer\n"
        "groups in omvarld.toml. Datasets that the Eurostat catalogue says have not changed since "
        "the last\n"
        "successful harvest are skipped unless --force. Then harvests the EU sources of "
        "feeds/sources.toml\n"
        "(EUR-Lex, Council, Parliament, Eurocities, Have your say, Funding & Tenders) and scores "
        "their items\n"
        "with feeds/relevance.toml. Last, reads the followed initiatives (`omvarld following`) "
        "from Have your say\n"
        "and the Parliament's open data API (asking the Legislative Observatory or EUR-Lex "
        "once for a missing COM-procedure link) and records what changed. Exit code 1 when any "
        "dataset or source failed (the others are stored),\n"
        "0 when all succeeded.");
  }

  Result<int> run() override {
    auto settings = common_.settings();
    if (!settings.ok()) return settings.error();
    if (!feed_url_.empty() && !dataset_.empty())
      return make_error(ErrorKind::kUsage,
                        "--feed and --dataset harvest different things; give one");
    if (!feed_kind_.empty() && feed_url_.empty())
      return make_error(ErrorKind::kUsage, "--kind goes with --feed");
    const bool eurostat = feed_url_.empty() && (only_.empty() || only_ == "eurostat");
    const bool feeds = dataset_.empty() && (only_.empty() || only_ == "feeds");
    // The followed initiatives after the feeds, so that items marked
    // relevant are there to be followed; not with an ad hoc --dataset/--feed.
    const bool follow =
        dataset_.empty() && feed_url_.empty() && (only_.empty() || only_ == "follow");
    int code = 0;
    if (eurostat) {
      auto r = run_eurostat(*settings);
      if (!r.ok()) return r.error();
      code = std::max(code, *r);
    }
    if (feeds) {
      auto r = run_feeds(*settings);
      if (!r.ok()) return r.error();
      code = std::max(code, *r);
    }
    if (follow) {
      auto r = run_follow(*settings);
      if (!r.ok()) return r.error();
      code = std::max(code, *r);
    }
    return code;
  }

 private:
  Result<int> run_follow(const Settings& settings) {
    Log log = make_cli_log(common_.quiet);
    auto store = Store::open(settings.db_path);
    if (!store.ok()) return store.error();
    SystemClock clock;
    auto http = make_http_client(settings.http, settings.retry, clock, &log);
    FollowHarvestOptions options;
    options.hys_base = settings.hys_base;
    options.ep_base = settings.ep_base;
    options.oeil_base = settings.oeil_base;
    options.eurlex_base = settings.eurlex_base;
    options.follow_relevant = settings.follow_relevant;
    FollowCollector collector(*http, *store, clock, log, options);
    auto report = collector.harvest(g_command_line);
    if (!report.ok()) return report.error();
    if (report->outcomes.empty()) {
      log.info("no initiative followed yet (`omvarld follow --hys ID` starts)");
      return 0;
    }
    log.info("run " + std::to_string(report->run_id) + ": " +
             std::to_string(report->outcomes.size() - report->failed()) + " of " +
             std::to_string(report->outcomes.size()) + " followed source(s) read");
    if (report->failed())
      log.error(std::to_string(report->failed()) +
                " followed source(s) failed; earlier data kept; see `omvarld runs --run " +
                std::to_string(report->run_id) + "`");
    return report->failed() ? 1 : 0;
  }

  Result<int> run_feeds(const Settings& settings) {
    std::string dir = feeds_dir_.empty() ? settings.feeds_dir : feeds_dir_;
    std::vector<FeedSource> sources;
    if (!feed_url_.empty()) {
      FeedSource s;
      s.id = feed_url_;
      s.url = feed_url_;
      if (!feed_kind_.empty()) {
        auto kind = parse_source_kind(feed_kind_, "--kind");
        if (!kind.ok()) return kind.error();
        s.kind = *kind;
      }
      s.title = feed_url_;
      sources.push_back(s);
    } else {
      auto loaded = load_feed_sources(dir + "/sources.toml");
      if (!loaded.ok()) return loaded.error();
      sources = std::move(loaded).value();
    }
    auto rules = load_relevance_rules(dir + "/relevance.toml");
    if (!rules.ok()) return rules.error();
    RelevanceScorer scorer(std::move(rules).value());
    Log log = make_cli_log(common_.quiet);
    auto store = Store::open(settings.db_path);
    if (!store.ok()) return store.error();
    SystemClock clock;
    auto http = make_http_client(settings.http, settings.retry, clock, &log);
    FeedCollector collector(*http, *store, clock, log, scorer);
    log.info("harvesting " + std::to_string(sources.size()) + " EU source(s) into " +
             settings.db_path);
    auto report = collector.harvest(sources, g_command_line);
    if (!report.ok()) return report.error();
    if (report->failed())
      log.error(std::to_string(report->failed()) + " source(s) failed; see `omvarld runs --run " +
                std::to_string(report->run_id) + "`");
    return report->failed() ? 1 : 0;
  }

  Result<int> run_eurostat(const Settings& settings_value) {
    const Settings* settings = &settings_value;
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
    auto http = make_http_client(settings->http, settings->retry, clock, &log);
    EurostatCollector collector(*http, *store, clock, log, settings->eurostat_base);
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
  std::string dataset_, since_, only_, feed_url_, feed_kind_, feeds_dir_;
  std::vector<std::string> filters_;
  bool force_ = false, no_catalogue_ = false;
};

}  // namespace

std::unique_ptr<Command> make_harvest_command() { return std::make_unique<HarvestCommand>(); }

}  // namespace omvarld::cli
